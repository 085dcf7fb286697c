import { useState } from 'react';

import { useMe } from '../api/me';
import { TeamSelect } from '../components/TeamSelect';
import { CreateTokenForm } from '../tokens/CreateTokenForm';
import { TokenList } from '../tokens/TokenList';

/** A team's API tokens (team admins: their own team; the super-user: any team). */
export function TokensPage() {
  const me = useMe();
  const [team, setTeam] = useState(me.team ?? '');
  return (
    <>
      <h1>Tokens</h1>
      {me.kind === 'admin' ? (
        <TeamSelect
          id="tokens-team"
          label="Team"
          value={team}
          emptyLabel="Choose a team"
          onChange={setTeam}
        />
      ) : (
        <p>
          Team <strong>{team}</strong>
        </p>
      )}
      {team && (
        <>
          <CreateTokenForm team={team} />
          <TokenList team={team} />
        </>
      )}
    </>
  );
}
