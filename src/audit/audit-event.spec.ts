import { type AuditEvent, type AuditEventText, auditPageJson } from './audit-event';

const event: AuditEvent = {
  id: '42',
  at: new Date('2026-11-27T04:00:00.123Z'),
  actor: { type: 'token', id: 'tok-1', name: 'ci "deploy" \u00e9', team: 'payments' },
  action: 'alias_set.update',
  target: { type: 'alias_set', ref: 'payments/partners' },
  version: 3,
  before: { entries: [{ ip: '10.0.0.1', hostnames: ['a.remote'] }], description: 'x\ny' },
  after: { entries: [], description: '' },
  via: 'rest',
  requestId: 'req-1',
};

/** The event as the repository returns it for REST: snapshots as PostgreSQL's jsonb text. */
function asText(source: AuditEvent): AuditEventText {
  // PostgreSQL writes jsonb with a space after `:` and `,`; the splice must not care.
  const pgText = (value: unknown) =>
    value === null ? null : JSON.stringify(value).replace(/":/g, '": ').replace(/,"/g, ', "');
  return { ...source, before: pgText(source.before), after: pgText(source.after) };
}

describe('auditPageJson', () => {
  it('is the JSON of the page with the stored snapshots spliced in unchanged', () => {
    const created = { ...event, id: '41', action: 'alias_set.create', before: null, version: 1 };
    const page = { items: [event, created], nextCursor: 'azo0MQ' };
    const json = auditPageJson({
      items: page.items.map(asText),
      nextCursor: page.nextCursor,
    }).toString();
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(page)));
  });

  it('is exactly the bytes JSON.stringify writes for the page, multi-byte characters included', () => {
    const wide = { ...event, before: { note: 'ü ß 𝄞, "q" 1: x' }, after: { hostnames: ['é.x'] } };
    const page = { items: [wide, { ...event, id: '40', after: null }], nextCursor: 'é/+' };
    const bytes = auditPageJson({ items: page.items.map(asText), nextCursor: page.nextCursor });
    const expected = JSON.stringify({
      items: page.items.map(({ before, after, ...rest }) => ({ ...rest, before, after })),
      nextCursor: page.nextCursor,
    });
    expect(bytes.toString()).toBe(expected);
    expect(bytes.length).toBe(Buffer.byteLength(expected));
  });

  it('serves the snapshots compact, like the rest of the API', () => {
    const json = auditPageJson({ items: [asText(event)], nextCursor: null }).toString();
    expect(json).not.toMatch(/": |, "/);
    expect(json).toContain(`"before":${JSON.stringify(event.before)}`);
    expect(json).toContain(`"after":${JSON.stringify(event.after)}`);
  });

  it('writes an empty last page with a null cursor', () => {
    expect(auditPageJson({ items: [], nextCursor: null }).toString()).toBe(
      '{"items":[],"nextCursor":null}',
    );
  });

  it('keeps null snapshots as null', () => {
    const json = auditPageJson({
      items: [{ ...asText(event), before: null, after: null }],
      nextCursor: null,
    }).toString();
    expect(JSON.parse(json).items[0]).toMatchObject({ before: null, after: null, version: 3 });
  });
});
