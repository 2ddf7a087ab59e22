// A chaos run's verdict and its one-line summary (the CLI's lines, the smoke test's messages).
import type { ChaosResult } from './run';

export function failures(r: ChaosResult): string[] {
  return [
    ...(r.lost.length ? [`${r.lost.length} lost`] : []),
    ...(r.divergence.length ? [`${r.divergence.length} replicas not converged`] : []),
    ...(r.appliedTwice.length ? [`${r.appliedTwice.length} applied twice`] : []),
    ...(r.disorder.length ? [`${r.disorder.length} out of order`] : []),
    ...(r.ownSuperseded ? [`${r.ownSuperseded} own writes superseded`] : []),
    ...(r.auditOk ? [] : ['audit chain broken']),
  ];
}

export function describeRun(r: ChaosResult): string {
  const failed = failures(r);
  return (
    `seed ${r.seed}: ${failed.length ? `FAIL (${failed.join(', ')})` : 'ok'}; ${r.edits} edits, ${r.acknowledged} acknowledged, ` +
    `${r.refused} refused, ${r.ownSuperseded} own writes superseded; ${r.faults.offline} offline flaps, ${r.faults.restarts} restarts, ` +
    `${r.faults.serverKills} server kills (${r.faults.pushesCut} pushes cut); audit ${r.auditOk ? 'ok' : 'BROKEN'} (${r.auditEntries} entries)`
  );
}
