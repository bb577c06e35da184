import type { ComponentChildren, JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { GuildSummaryDto } from '@accord/contracts';
import { api } from '../lib/api';
import { t } from '../lib/i18n';
import { useResource } from '../lib/resource';
import { navigate } from '../lib/router';
import { ErrorNotice, Loading } from './ui';

/**
 * History and stats are kept per server: `/<section>/<guildId>`. Without a server in the path the
 * first one the person may see is chosen; a select switches between them.
 */
export function GuildScope(props: {
  section: 'history' | 'stats';
  title: string;
  guildId: string | undefined;
  children: (guild: GuildSummaryDto) => ComponentChildren;
}): JSX.Element {
  const guilds = useResource(() => api.get<GuildSummaryDto[]>('/guilds'), 'guilds');
  const first = guilds.data?.[0];

  useEffect(() => {
    if (!props.guildId && first) navigate(`/${props.section}/${first.id}`, { replace: true });
  }, [props.guildId, first?.id]);

  const guild = guilds.data?.find((item) => item.id === props.guildId);
  return (
    <div class="page">
      <div class="page-head">
        <h1>{props.title}</h1>
        {guilds.data && guilds.data.length > 0 && (
          <label class="inline-label">
            {t('scope.server')}
            <select
              name="guild"
              value={props.guildId ?? ''}
              onChange={(event) => navigate(`/${props.section}/${event.currentTarget.value}${location.search}`)}
            >
              {guilds.data.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {guilds.error ? <ErrorNotice error={guilds.error} /> : null}
      {!guilds.data && !guilds.error && <Loading />}
      {guilds.data?.length === 0 && <p class="empty">{t('scope.none')}</p>}
      {guilds.data && props.guildId && !guild && <ErrorNotice error={new Error(t('scope.notManaged'))} />}
      {guild && props.children(guild)}
    </div>
  );
}
