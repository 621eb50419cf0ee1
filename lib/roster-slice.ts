import { NestedStack, type NestedStackProps, RemovalPolicy, SecretValue, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Person } from './config/schema';

/**
 * Punctuation Secrets Manager may generate that IAM's password policy does not count as a
 * symbol (IAM counts ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '), plus the quote: excluding them
 * makes every generated password's required punctuation an IAM symbol, so it satisfies the
 * account password policy.
 */
export const NOT_IAM_SYMBOLS = '"\',./:;<>?\\`~';

export interface RosterSliceProps extends NestedStackProps {
  /** The active people of this slice (lib/config/roster-slices.ts), each with the group names their role gives. */
  readonly people: readonly { readonly person: Person; readonly groups: readonly string[] }[];
  /** Key encrypting the generated first passwords. */
  readonly secretsKey: kms.IKey;
  /** Prefix of the first-password secrets' names (`<prefix>/<person id>/first-password`). */
  readonly secretPrefix: string;
}

/**
 * One slice of the roster, as a nested stack: each person's IAM user (named by id, tagged
 * `person-id`, in the groups their role gives, referenced by name) and first-password secret.
 * Groups, policies and the guard live in the parent stack, so nothing here grants anything.
 */
export class RosterSlice extends NestedStack {
  public readonly users = new Map<string, iam.User>();
  public readonly firstPasswords = new Map<string, secretsmanager.Secret>();

  constructor(scope: Construct, id: string, props: RosterSliceProps) {
    super(scope, id, props);
    const groups = new Map<string, iam.IGroup>();
    const group = (name: string) => {
      const found = groups.get(name) ?? iam.Group.fromGroupName(this, `Group-${name}`, name);
      groups.set(name, found);
      return found;
    };
    // The key imported by ARN: an imported key takes no policy statements, so 5,000 secrets do not
    // add 5,000 grants to its key policy (the parent grants Secrets Manager once, lib/identities.ts).
    const secretsKey = kms.Key.fromKeyArn(this, 'SecretsKey', props.secretsKey.keyArn);
    // All first passwords of the slice under one scope (policies/acknowledgements.ts names it).
    const firstPasswords = new Construct(this, 'FirstPasswords');
    for (const { person, groups: names } of props.people) {
      const secret = new secretsmanager.Secret(firstPasswords, person.id, {
        secretName: `${props.secretPrefix}/${person.id}/first-password`,
        description: `First console password of ${person.id}; must be changed at first sign-in`,
        encryptionKey: secretsKey,
        generateSecretString: { passwordLength: 24, requireEachIncludedType: true, excludeCharacters: NOT_IAM_SYMBOLS },
        // Only a first password: once the person changed it (or left) it must not linger.
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const user = new iam.User(this, `User-${person.id}`, {
        userName: person.id,
        groups: names.map(group),
        // A dynamic reference: CloudFormation resolves it at deploy time, the template holds no password.
        password: SecretValue.secretsManager(secret.secretArn),
        passwordResetRequired: true,
      });
      Tags.of(user).add('person-id', person.id);
      this.users.set(person.id, user);
      this.firstPasswords.set(person.id, secret);
    }
  }
}
