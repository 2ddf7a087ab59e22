// The query part of the RxStorage conformance suite (reference: ".query()", ".count()",
// ".getSortComparator()", ".getQueryMatcher()"): a storage must answer a query with exactly the
// documents RxDB's own matcher selects, in the order RxDB's own comparator gives, skip and limit
// applied, and count() must agree. RxDB relies on that agreement to update results from events.
import {
  fillWithDefaultSettings,
  getQueryMatcher,
  getSortComparator,
  normalizeMangoQuery,
  now,
  prepareQuery,
  type FilledMangoQuery,
  type MangoQuery,
  type MangoQuerySelector,
  type RxDocumentData,
} from 'rxdb';
import { describe, expect, it } from 'vitest';
import { expectWritten, insert, type Harness, type Instance } from './storage-conformance-kit';

interface Person {
  id: string;
  name: string;
  age: number;
  active: boolean;
  address: { city: string };
}
type StoredPerson = RxDocumentData<Person>;

const personSchema = fillWithDefaultSettings<Person>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    name: { type: 'string', maxLength: 20 },
    age: { type: 'integer', minimum: 0, maximum: 150, multipleOf: 1 },
    active: { type: 'boolean' },
    address: { type: 'object', properties: { city: { type: 'string', maxLength: 20 } }, required: ['city'] },
  },
  required: ['id', 'name', 'age', 'active', 'address'],
  indexes: ['age', 'name', ['active', 'age'], ['address.city', 'age']],
});

const NAMES = ['Ada', 'Alan', 'Edsger', 'Grace', 'ada', 'Barbara', 'Éva'];
const CITIES = ['Oslo', 'Paris', 'Rome', 'Berlin'];

/** 40 people with repeated names, ages and cities (so sorts need their tie-breaks); every 7th deleted. */
async function seed(instance: Instance<Person>): Promise<StoredPerson[]> {
  const people = Array.from({ length: 40 }, (_, i): StoredPerson => ({
    id: `p${String(i).padStart(2, '0')}`,
    name: NAMES[(i * 3) % NAMES.length],
    age: 18 + ((i * 13) % 45),
    active: i % 3 !== 0,
    address: { city: CITIES[(i * 5) % CITIES.length] },
    _deleted: false,
    _attachments: {},
    _rev: `1-r${i}`,
    _meta: { lwt: now() },
  }));
  expectWritten(await instance.bulkWrite(people.map(insert), 'seed'));
  const deletes = people
    .filter((_, i) => i % 7 === 3)
    .map((previous) => ({ previous, document: { ...previous, _deleted: true, _rev: '2-deleted', _meta: { lwt: now() } } }));
  expectWritten(await instance.bulkWrite(deletes, 'seed'));
  const deleted = new Map(deletes.map((row) => [row.document.id, row.document]));
  return people.map((person) => deleted.get(person.id) ?? person);
}

// RxDB's selector type leaves out the meta fields, which storages are queried on all the same.
const live = { _deleted: false } as MangoQuerySelector<Person>;
const CASES: [label: string, query: MangoQuery<Person>][] = [
  ['every live document, by primary key', { selector: live, sort: [{ id: 'asc' }] }],
  ['deleted ones too when the selector does not exclude them', { selector: {}, sort: [{ id: 'asc' }] }],
  ['equality on a field', { selector: { ...live, name: 'Ada' }, sort: [{ id: 'asc' }] }],
  ['$gt/$lt range on an indexed field, by it', { selector: { ...live, age: { $gt: 25, $lt: 45 } }, sort: [{ age: 'asc' }] }],
  ['$gte/$lte range, sorted descending', { selector: { ...live, age: { $gte: 30, $lte: 50 } }, sort: [{ age: 'desc' }] }],
  [
    'compound index: a boolean and a range',
    { selector: { ...live, active: true, age: { $gte: 30 } }, sort: [{ active: 'asc' }, { age: 'asc' }] },
  ],
  ['boolean false', { selector: { ...live, active: false }, sort: [{ name: 'asc' }] }],
  ['sort descending over every document, then by id', { selector: live, sort: [{ name: 'desc' }, { id: 'asc' }] }],
  ['$or', { selector: { ...live, $or: [{ name: 'Grace' }, { age: { $lt: 24 } }] }, sort: [{ age: 'asc' }] }],
  [
    '$in on a nested field',
    { selector: { ...live, 'address.city': { $in: ['Oslo', 'Rome'] } }, sort: [{ 'address.city': 'asc' }, { age: 'asc' }] },
  ],
  ['nested field equality, sorted by another field', { selector: { ...live, 'address.city': 'Paris' }, sort: [{ age: 'desc' }] }],
  ['$regex', { selector: { ...live, name: { $regex: '^A' } }, sort: [{ name: 'asc' }] }],
  ['$regex with options', { selector: { ...live, name: { $regex: '^a', $options: 'i' } }, sort: [{ id: 'desc' }] }],
  ['$ne and $nin', { selector: { ...live, name: { $ne: 'Ada', $nin: ['Alan', 'Éva'] } }, sort: [{ age: 'asc' }] }],
  ['skip and limit', { selector: live, sort: [{ age: 'asc' }], skip: 5, limit: 7 }],
  ['limit on a descending index sort', { selector: { ...live, active: true }, sort: [{ age: 'desc' }], limit: 4 }],
  ['skip past the end', { selector: live, sort: [{ id: 'asc' }], skip: 100 }],
];

/** What RxDB itself would answer: its matcher, its comparator, then skip and limit. */
function expected(query: FilledMangoQuery<Person>, docs: StoredPerson[]) {
  const matches = docs.filter(getQueryMatcher(personSchema, query)).sort(getSortComparator(personSchema, query));
  const skip = query.skip ?? 0;
  return { all: matches, page: matches.slice(skip, query.limit === undefined ? undefined : skip + query.limit) };
}

export function describeQueries(h: Harness): void {
  describe('query and count agree with RxDB’s query matcher and sort comparator', () => {
    for (const [label, mango] of CASES)
      it(label, async () => {
        const instance = await h.open<Person>({ schema: personSchema });
        const docs = await seed(instance);
        const query = normalizeMangoQuery(personSchema, mango);
        const want = expected(query, docs);
        expect(want.all.length, 'the case must select something').toBeGreaterThan(0);

        const result = await instance.query(prepareQuery(personSchema, structuredClone(query)));
        expect(result.documents.map((d) => d.id)).toEqual(want.page.map((d) => d.id));
        expect(result.documents).toStrictEqual(want.page);

        const { limit: _limit, ...unpaged } = { ...structuredClone(query), skip: 0 };
        expect((await instance.count(prepareQuery(personSchema, unpaged))).count).toBe(want.all.length);
      });
  });
}
