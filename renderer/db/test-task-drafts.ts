// For the replica's tests: a front-desk phone request as createTask takes it.
export const phoneRequest = (patientRef: string, text: { title: string; description: string }) => ({
  ...text,
  typeId: 'general',
  queue: 'front_desk',
  locationId: 'loc-main',
  priority: 'normal' as const,
  dueAt: new Date(Date.UTC(2026, 11, 10)).toISOString(),
  channel: 'phone' as const,
  patientRef,
});
