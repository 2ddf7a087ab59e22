import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../config/demo';
import { buildPracticeConfig } from '../config/practice';
import { configId, type ConfigDoc } from '../config/schemas';
import { requestDescription, requestProblems, requestTypesOf } from './patient-request';

const docs = demoConfigDocs('loc-main', (u) => `u-${u}`);
const practice = (extra: ConfigDoc[] = []) => buildPracticeConfig([...docs, ...extra]);
const refill = practice().requestTypes.get('refill')!;

describe('patient request types and submissions', () => {
  it('offers a location its active types in page order: every location’s, its own, none whose task type is inactive', () => {
    const base = docs.find((d) => d.id === configId('request_type', 'records'))!;
    const only = (id: string, body: object): ConfigDoc => ({ ...base, id: configId('request_type', id), body: { ...base.body, ...body } });
    const config = practice([
      only('north_only', { label: 'North only', locationIds: ['loc-north'], order: 1 }),
      only('main_first', { label: 'Main first', locationIds: ['loc-main'], order: 1 }),
      only('retired', { label: 'Retired', active: false }),
    ]);
    expect(requestTypesOf(config, 'loc-main').map((t) => t.id)).toEqual(['main_first', 'refill', 'records', 'appointment', 'billing']);
    expect(requestTypesOf(config, 'loc-north').map((t) => t.id)).toEqual(['north_only', 'refill', 'records', 'appointment', 'billing']);
    config.taskTypes.set('portal_message', { ...config.taskTypes.get('portal_message')!, active: false });
    expect(requestTypesOf(config, 'loc-main').map((t) => t.id)).not.toContain('refill');
  });

  it('names each problem at its field: required, format, length, a field the type does not have', () => {
    const ok = {
      contact: 'rosa@example.com',
      text: 'Refill please',
      fields: { name: 'Rosa Tran', dob: '1961-03-14', medication: 'Metformin' },
    };
    expect(requestProblems(refill, ok)).toEqual({});
    expect(requestProblems(refill, { ...ok, contact: '555-201-0142' })).toEqual({});
    expect(
      requestProblems(refill, { contact: 'call me', text: ' ', fields: { name: 'x'.repeat(201), dob: '14/03/1961', favourite: 'blue' } }),
    ).toEqual({
      contact: expect.any(String),
      text: 'Tell us what you need',
      'field:name': 'This is too long',
      'field:dob': expect.stringContaining('Enter a date'),
      'field:medication': 'This is required',
      fields: expect.stringContaining('favourite'),
    });
  });

  it('reads on the task as contact, the filled fields by label, then the request', () => {
    const text = requestDescription(refill, {
      contact: ' 555-201-0142 ',
      text: 'Three days left.',
      fields: { name: 'Rosa Tran', medication: 'Metformin', pharmacy: '' },
    });
    expect(text).toBe('Contact: 555-201-0142\nYour full name: Rosa Tran\nMedication and dose: Metformin\n\nThree days left.');
  });
});
