import { readFileSync } from 'node:fs';
import type { ConfigInput } from '../lib/config/schema';

/**
 * The example organisation with `count` active people: coders spread over the specialties, a
 * lead per 50 coders, two auditors and two admins. Used by the synth benchmark and the
 * CloudFormation-limits test, so both measure the same roster.
 */
export function largeRoster(count: number, examplePath = 'config/coding-env.json'): ConfigInput {
  const raw = JSON.parse(readFileSync(examplePath, 'utf8')) as ConfigInput;
  const specialties = raw.specialties;
  const people: ConfigInput['people'] = [];
  for (let i = 0; i < count; i++) {
    const id = `coder${String(i).padStart(5, '0')}`;
    const role = i < 2 ? 'admin' : i < 4 ? 'auditor' : i % 50 === 0 ? 'lead' : 'coder';
    people.push({
      id,
      name: `Coder ${i}`,
      email: `${id}@example.org`,
      role,
      specialties: role === 'admin' || role === 'auditor' ? [] : role === 'lead' ? [...specialties] : [specialties[i % specialties.length]],
      status: 'active',
      startDate: '2024-01-02',
    });
  }
  return { ...raw, people, serviceAccounts: [] };
}
