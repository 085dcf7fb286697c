import { useState } from 'react';

import { useMe } from '../api/me';
import { TeamSelect } from '../components/TeamSelect';
import { CreateWebhookForm } from '../webhooks/CreateWebhookForm';
import { WebhookList } from '../webhooks/WebhookList';

/** A team's webhooks (team admins: their own team; the super-user: any team). */
export function WebhooksPage() {
  const me = useMe();
  const [team, setTeam] = useState(me.team ?? '');
  return (
    <>
      <h1>Webhooks</h1>
      {me.kind === 'admin' ? (
        <TeamSelect
          id="webhooks-team"
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
          <CreateWebhookForm team={team} />
          <WebhookList team={team} />
        </>
      )}
    </>
  );
}
