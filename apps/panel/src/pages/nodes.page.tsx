import type { JSX } from 'preact';
import type { LavalinkNodeDto } from '@accord/contracts';
import { Badge, Link, Loaded } from '../components/ui';
import { api } from '../lib/api';
import { bytes, number, percent, uptime } from '../lib/format';
import { t } from '../lib/i18n';
import { useLive } from '../lib/live';
import { useResource } from '../lib/resource';

function stateTone(state: LavalinkNodeDto['state']): 'ok' | 'warn' | 'bad' {
  if (state === 'connected') return 'ok';
  return state === 'connecting' ? 'warn' : 'bad';
}

/** Every Lavalink node: link state, load, memory, audio frame health and the players on it (live, every 5 s). */
export function NodesPage(): JSX.Element {
  const nodes = useResource(() => api.get<LavalinkNodeDto[]>('/nodes'), 'nodes');
  useLive('owner', (message) => {
    if (message.event === 'nodes') nodes.set(message.data);
  });
  return (
    <div class="page">
      <h1>{t('overview.nodes')}</h1>
      <Loaded data={nodes.data} error={nodes.error} what={t('nav.nodes')} path="/api/v1/nodes">
        {(list) =>
          list.length === 0 ? (
            <p class="empty">{t('nodes.none')}</p>
          ) : (
            <div class="node-grid" data-testid="nodes">
              {list.map((node) => (
                <article class="card node" key={node.name}>
                  <header class="node-head">
                    <h2>{node.name}</h2>
                    <Badge tone={stateTone(node.state)}>{t(`nodes.state.${node.state}`)}</Badge>
                  </header>
                  <dl class="facts">
                    <dt>{t('nodes.players')}</dt>
                    <dd>{t('nodes.playingOf', { playing: node.playingPlayers, players: node.players })}</dd>
                    <dt>{t('nodes.passthrough')}</dt>
                    <dd>
                      {node.passthroughPlayers} / {node.transcodingPlayers}
                    </dd>
                    <dt>CPU</dt>
                    <dd>
                      {node.cpu
                        ? t('nodes.cpu', {
                            lavalink: percent(node.cpu.lavalinkLoad),
                            host: percent(node.cpu.systemLoad),
                            count: node.cpu.cores,
                          })
                        : '–'}
                    </dd>
                    <dt>{t('nodes.memory')}</dt>
                    <dd>
                      {node.memory
                        ? t('nodes.memoryOf', {
                            used: bytes(node.memory.usedBytes),
                            allocated: bytes(node.memory.allocatedBytes),
                          })
                        : '–'}
                    </dd>
                    <dt>{t('nodes.frames')}</dt>
                    <dd>
                      {node.frameStats ? (
                        <>
                          {t('nodes.sent', { sent: number(node.frameStats.sent) })}
                          {node.frameStats.nulled + node.frameStats.deficit > 0 ? (
                            <Badge tone="warn">
                              {t('nodes.badFrames', {
                                nulled: node.frameStats.nulled,
                                missing: node.frameStats.deficit,
                              })}
                            </Badge>
                          ) : (
                            <Badge tone="ok">{t('nodes.smooth')}</Badge>
                          )}
                        </>
                      ) : (
                        t('nodes.nothingPlaying')
                      )}
                    </dd>
                    <dt>{t('overview.uptime')}</dt>
                    <dd>{node.uptimeMs === null ? '–' : uptime(node.uptimeMs / 1000)}</dd>
                  </dl>
                  {node.guilds.length > 0 && (
                    <ul class="rows">
                      {node.guilds.map((player) => (
                        <li class="row" key={player.guildId}>
                          <Link href={`/guilds/${player.guildId}`}>{player.guildId}</Link>
                          <Badge tone={player.playing ? 'ok' : undefined}>
                            {player.playing ? t('overview.playing') : t('overview.idle')}
                          </Badge>
                          {player.transcoding && <Badge tone="warn">{t('nodes.transcoding')}</Badge>}
                        </li>
                      ))}
                    </ul>
                  )}
                </article>
              ))}
            </div>
          )
        }
      </Loaded>
    </div>
  );
}
