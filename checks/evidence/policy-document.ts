import { z } from 'zod';
import type { PolicyDocument, PolicyStatement } from '../model/iam';

/**
 * IAM policy documents arrive as objects (AWS CLI output) or URL-encoded JSON strings (the API
 * and SDK). Both become the same normalised document.
 */

const stringOrList = z.union([z.string(), z.array(z.string())]).optional();
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const statementSchema = z.object({
  Effect: z.enum(['Allow', 'Deny']),
  Action: stringOrList,
  NotAction: stringOrList,
  Resource: stringOrList,
  NotResource: stringOrList,
  // IAM writes condition values as strings, lists, booleans or numbers: the evaluator compares them as strings.
  Condition: z.record(z.string(), z.record(z.string(), z.union([scalar, z.array(scalar)]))).optional(),
  Principal: z.union([z.literal('*'), z.record(z.string(), stringOrList)]).optional(),
});
const documentSchema = z.object({
  Statement: z.union([statementSchema, z.array(statementSchema)]),
});

export function decodePolicyDocument(raw: unknown): PolicyDocument {
  const value = typeof raw === 'string' ? JSON.parse(decodeURIComponent(raw)) : raw;
  const doc = documentSchema.parse(value);
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return { statements: statements.map(toStatement) };
}

function toStatement(s: z.infer<typeof statementSchema>): PolicyStatement {
  const principal = s.Principal;
  return {
    effect: s.Effect,
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    ...(s.NotResource === undefined ? {} : { notResources: list(s.NotResource) }),
    ...(s.Condition === undefined ? {} : { conditions: s.Condition }),
    awsPrincipals: principal === '*' ? ['*'] : list(principal?.AWS),
  };
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
