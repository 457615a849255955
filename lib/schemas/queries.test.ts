import { describe, expect, it } from 'vitest';
import { recordQuerySchema } from './import';
import { decisionsQuerySchema } from './screening';

describe('list queries from a URL', () => {
  it('refuse a NUL in the search text with a message (PostgreSQL text cannot hold one)', () => {
    for (const schema of [recordQuerySchema, decisionsQuerySchema]) {
      const r = schema.safeParse({ q: 'ketamine\u0000' });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].message).toBe('Search text cannot contain a NUL character.');
      expect(schema.safeParse({ q: 'ketamine' }).success).toBe(true);
    }
  });

  it('need a stage for an outcome, and name the allowed formats', () => {
    expect(recordQuerySchema.safeParse({ outcome: 'included' }).error!.issues[0].message).toBe('Name the stage of the outcome: stage=title_abstract or stage=full_text.');
    expect(recordQuerySchema.parse({ stage: 'full_text', outcome: 'included' })).toMatchObject({ stage: 'full_text', outcome: 'included', format: 'json' });
    expect(recordQuerySchema.safeParse({ format: 'xml' }).error!.issues[0].message).toBe('format must be json, csv or ris.');
  });
});
