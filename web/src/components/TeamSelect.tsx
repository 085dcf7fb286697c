import { useQuery } from '@tanstack/react-query';

import { execute } from '../api/client';
import { teamsQuery } from '../api/operations';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Offer an empty choice with this label (e.g. "All teams"). */
  emptyLabel?: string;
}

/** The teams the caller can see: every team for the super-user, its own for a team token. */
export function TeamSelect({ id, label, value, onChange, emptyLabel }: Props) {
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => execute(teamsQuery) });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {teams.data?.teams.map((team) => (
          <option key={team.slug} value={team.slug}>
            {team.slug}
          </option>
        ))}
      </select>
    </div>
  );
}
