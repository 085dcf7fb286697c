import { useState, type FormEvent } from 'react';

export interface AuditFilter {
  set: string;
  team: string;
  action: string;
  actor: string;
  since: string;
  until: string;
}

const ACTIONS = [
  'alias_set.create',
  'alias_set.update',
  'alias_set.delete',
  'alias_set.rollback',
  'team.create',
  'token.create',
  'token.revoke',
  'cluster.create',
];

export function AuditFilters({
  initial,
  onApply,
}: {
  initial: AuditFilter;
  onApply: (filter: AuditFilter) => void;
}) {
  const [filter, setFilter] = useState(initial);
  const input = (key: keyof AuditFilter, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{label}</label>
      <input
        id={`audit-${key}`}
        type={type}
        value={filter[key]}
        onChange={(event) => setFilter({ ...filter, [key]: event.target.value })}
      />
    </div>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(filter);
  };
  return (
    <form className="filters card" onSubmit={submit} aria-label="Audit filters">
      {input('set', 'Set (team/name)')}
      {input('team', 'Team')}
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <select
          id="audit-action"
          value={filter.action}
          onChange={(event) => setFilter({ ...filter, action: event.target.value })}
        >
          <option value="">any</option>
          {ACTIONS.map((action) => (
            <option key={action}>{action}</option>
          ))}
        </select>
      </div>
      {input('actor', 'Actor')}
      {input('since', 'Since', 'datetime-local')}
      {input('until', 'Until', 'datetime-local')}
      <button type="submit">Apply filters</button>
    </form>
  );
}
