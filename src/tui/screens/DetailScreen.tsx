// Detail: one workload's HPA (conditions, metrics), pods per node and zone, the doctor's findings and fixes, and owner.
import { Box, Text } from 'ink';
import { t } from '../../i18n/index.ts';
import type { WorkloadDetail } from '../detail.ts';
import { SeverityMark } from '../components/Severity.tsx';
import { fixIntentOf, fixLines } from '../fix-text.ts';
import type { ReactNode } from 'react';
import type { Theme } from '../theme.ts';
import { padToWidth } from '../../i18n/width.ts';

const findingsShown = 8;

export const detailSections = ['hpa', 'pods', 'findings', 'owner'] as const;
export type DetailSection = (typeof detailSections)[number];

export interface DetailScreenProps {
  theme: Theme;
  detail: WorkloadDetail | null;
  focus: DetailSection;
  /** Why the last key did nothing (e.g. edit on a workload the wizard cannot change). */
  notice?: string | null;
  /** The finding `f` acts on while the findings section has the focus. */
  findingIndex?: number;
  readOnly?: boolean;
}

function Section({ theme, title, focused, children }: { theme: Theme; title: string; focused: boolean; children: ReactNode }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold color={focused ? theme.accent : undefined}>
        {focused ? '▸ ' : '  '}
        {title}
      </Text>
      <Box flexDirection="column" paddingLeft={4}>
        {children}
      </Box>
    </Box>
  );
}

export function DetailScreen({ theme, detail, focus, notice, findingIndex = 0, readOnly = false }: DetailScreenProps) {
  if (!detail) return <Text color={theme.severity.warning}>{t('tui.detail.gone')}</Text>;
  const { row, hpa } = detail;
  // A window of findings around the picked one: the screen stays within the terminal however many there are.
  const from = Math.max(0, Math.min(findingIndex - Math.floor(findingsShown / 2), detail.findings.length - findingsShown));
  const shown = { from, to: Math.min(detail.findings.length, from + findingsShown) };
  return (
    <Box flexDirection="column">
      <Text bold>
        {row.namespace}/{row.kind.toLowerCase()}/{row.name}
        <Text color={theme.muted}>
          {'  '}
          {t('tui.detail.ready', { ready: row.readyReplicas, desired: row.desiredReplicas })}
        </Text>
      </Text>
      {notice ? <Text color={theme.severity.warning}>{notice}</Text> : null}
      <Section theme={theme} title={t('tui.detail.section.hpa')} focused={focus === 'hpa'}>
        {hpa && row.hpa ? (
          <>
            <Text>
              {t('tui.detail.hpa', {
                name: hpa.name,
                min: row.hpa.minReplicas,
                max: row.hpa.maxReplicas,
                current: row.hpa.currentReplicas ?? '-',
                desired: hpa.desiredReplicas ?? '-',
              })}
            </Text>
            <Text color={row.hpa.unknown ? theme.severity.warning : undefined}>
              {t('tui.detail.metrics', { targets: row.hpa.targets })}
            </Text>
            {hpa.conditions.map((c) => (
              <Text key={c.type} color={c.status === 'True' ? undefined : theme.severity.warning}>
                {c.type}={c.status}
                {c.reason ? ` ${c.reason}` : ''}
                {c.message ? `: ${c.message}` : ''}
              </Text>
            ))}
          </>
        ) : (
          <Text color={theme.muted}>{t('tui.detail.noHpa', { replicas: row.desiredReplicas })}</Text>
        )}
      </Section>
      <Section theme={theme} title={t('tui.detail.section.pods')} focused={focus === 'pods'}>
        {detail.podsByNode.length === 0 ? <Text color={theme.muted}>{t('tui.detail.noPods')}</Text> : null}
        {detail.podsByNode.map((n) => (
          <Text key={n.node}>
            {padToWidth(n.zone, 14)} {padToWidth(n.node, 28)} {t('tui.detail.podsReady', { ready: n.ready, total: n.total })}
          </Text>
        ))}
        {detail.readyByZone.length ? (
          <Text>{t('tui.detail.readyPerZone', { zones: detail.readyByZone.map((z) => `${z.zone}=${z.ready}`).join(' ') })}</Text>
        ) : null}
        {detail.unscheduled ? (
          <Text color={theme.severity.warning}>{t('tui.detail.unscheduled', { pods: detail.unscheduled })}</Text>
        ) : null}
      </Section>
      <Section theme={theme} title={t('tui.detail.section.findings', { total: detail.findings.length })} focused={focus === 'findings'}>
        {detail.findings.length === 0 ? <Text color={theme.ok}>{t('tui.detail.noFindings')}</Text> : null}
        {focus !== 'findings' && detail.findings.length ? (
          <Text color={theme.muted}>{t(readOnly ? 'tui.detail.findingsHint' : 'tui.detail.findingsHintWrite')}</Text>
        ) : null}
        {shown.from > 0 ? <Text color={theme.muted}>{t('tui.detail.above', { hidden: shown.from })}</Text> : null}
        {detail.findings.slice(shown.from, shown.to).map((f, offset) => {
          const index = shown.from + offset;
          const picked = focus === 'findings' && index === findingIndex;
          return (
            <Box key={`${f.id}/${f.kind}/${f.name}/${f.message}`} flexDirection="column">
              <Text wrap={picked ? 'wrap' : 'truncate-end'}>
                {focus === 'findings' ? <Text color={theme.accent}>{picked ? '› ' : '  '}</Text> : null}
                <SeverityMark theme={theme} severity={f.severity} /> {f.id}
                {f.related?.length && !picked ? (
                  <Text color={theme.muted}>{` ${t('tui.detail.related', { related: f.related.length })}`}</Text>
                ) : null}{' '}
                {f.kind}/{f.name}: {f.message}
              </Text>
              {picked
                ? (f.related ?? []).map((r) => (
                    <Text key={`${r.id}/${r.kind}/${r.name}/${r.message}`} color={theme.muted} wrap="truncate-end">
                      {`  ${t('tui.detail.also')} `}
                      {r.severity[0]?.toUpperCase()} {r.id} {r.kind}/{r.name}: {r.message}
                    </Text>
                  ))
                : null}
              {picked
                ? fixLines(f.fix).map((line) => (
                    <Text key={line} color={theme.muted}>
                      {`  ${t('tui.detail.fix')} `}
                      {line}
                    </Text>
                  ))
                : null}
              {picked && !readOnly && fixIntentOf(f.fix) ? <Text color={theme.accent}>{`  ${t('tui.detail.fixApplies')}`}</Text> : null}
            </Box>
          );
        })}
        {shown.to < detail.findings.length ? (
          <Text color={theme.muted}>{t('tui.detail.below', { hidden: detail.findings.length - shown.to })}</Text>
        ) : null}
      </Section>
      <Section theme={theme} title={t('tui.detail.section.owner')} focused={focus === 'owner'}>
        <Text>{t('tui.detail.scalingOwner', { owner: row.owner })}</Text>
        {detail.helmRelease ? <Text>{t('tui.detail.helmRelease', { release: detail.helmRelease })}</Text> : null}
        {detail.controller ? <Text>{t('tui.detail.controller', { controller: detail.controller })}</Text> : null}
      </Section>
    </Box>
  );
}
