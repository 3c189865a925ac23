// The tenant core: a pure model of a Microsoft Entra tenant with Privileged Identity Management.
// Imports only xstate and zod; time is always an input.
export * from './time';
export * from './errors';
export * from './model';
export * from './catalog/roles';
export * from './catalog/actions';
export * from './catalog/passwordReset';
export * from './policy';
export * from './authorization';
export * from './queries';
export * from './decide';
export * from './events';
export * from './tenant';
export * from './seeds';
export * from './commandBuilders';
export * from './audit';
export * from './machines/activation';
export * from './machines/assignmentLifecycle';
export * from './schemas/commands';
export * from './schemas/logEntry';
export * from './schemas/password';
export * from './schemas/policyRules';
export * from './schemas/roleSettings';
export * from './schemas/scheduleInfo';
export * from './schemas/seed';
export * from './machines/pure';
