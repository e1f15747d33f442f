/** Organisation settings as key → JSON value (read: admin, finops; change: admin, audited). */
import { z } from 'zod';
import { defineRoute } from './route.ts';

const KEY = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'use 1–64 lower-case letters, digits, ".", "_" or "-"');

export const getSettings = defineRoute({
  method: 'get',
  path: '/api/v1/settings',
  operationId: 'getSettings',
  tag: 'settings',
  summary: 'Every setting',
  permission: 'settings:read',
  query: z.object({}).strict(),
  responses: { 200: { description: 'Settings', schema: z.object({ settings: z.record(z.string(), z.unknown()) }) } },
  async handler({ c, deps }) {
    const raw = await deps.meta.listSettings();
    return c.json({ settings: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, JSON.parse(v) as unknown])) });
  },
});

export const putSetting = defineRoute({
  method: 'put',
  path: '/api/v1/settings/{key}',
  operationId: 'putSetting',
  tag: 'settings',
  summary: 'Set one setting (audited with its old and new value)',
  permission: 'settings:write',
  params: z.object({ key: KEY }),
  body: z.object({ value: z.json() }).strict(),
  responses: { 200: { description: 'The new value', schema: z.object({ key: z.string(), value: z.unknown() }) } },
  async handler({ c, deps, principal, params, body, audit }) {
    const old = await deps.meta.getSetting(params.key);
    await deps.meta.putSetting(params.key, JSON.stringify(body.value), new Date().toISOString(), principal.subject);
    await audit('setting.change', params.key, { old: old === null ? null : (JSON.parse(old) as unknown), new: body.value });
    return c.json({ key: params.key, value: body.value });
  },
});
