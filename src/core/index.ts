export * from './cost-record.ts';
export * from './errors.ts';
export * from './money.ts';
export * from './period.ts';
export * from './logger.ts';
export * from './dimensions.ts';
export { freeLoopbackPort } from './free-port.ts';
