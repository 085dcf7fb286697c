import { actorSeenBy, type EventActor } from './actor-view';
import { parseSetRef, SET_REF_MESSAGE } from './field-rules';
import type { FieldError } from './host-alias';

/** Every event a webhook can subscribe to (SPEC 10). */
export const WEBHOOK_EVENTS = [
  'alias_set.created',
  'alias_set.updated',
  'alias_set.deleted',
  'resolution.changed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** What happened to the set itself; `resolution.changed` is derived from it for its dependents. */
export type SetChangeType = Exclude<WebhookEventType, 'resolution.changed'>;

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const MAX_WEBHOOK_SETS = 100;

export interface WebhookInput {
  url: string;
  events: string[];
  sets?: string[];
}

export interface ValidWebhook {
  url: string;
  events: WebhookEventType[];
  /** Absent: every set of the owning team. */
  sets: string[] | null;
}

/**
 * The rules for a webhook: an http(s) URL without credentials, at most 2,048 characters; known
 * event names (the message lists them); `sets` as `team/name`. All errors at once, with fields.
 */
export function validateWebhook(input: WebhookInput): ValidWebhook | FieldError[] {
  const errors: FieldError[] = [...urlErrors(input.url)];
  if (input.events.length === 0) {
    errors.push({ field: 'events', message: `must name at least one of ${knownEvents()}` });
  }
  input.events.forEach((event, i) => {
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(event)) {
      errors.push({
        field: `events[${i}]`,
        message: `unknown event "${event}"; known events: ${knownEvents()}`,
      });
    }
  });
  const sets = input.sets;
  if (sets !== undefined && (sets.length === 0 || sets.length > MAX_WEBHOOK_SETS)) {
    errors.push({
      field: 'sets',
      message: `must name 1 to ${MAX_WEBHOOK_SETS} sets, or be left out for every set of the team`,
    });
  }
  sets?.forEach((ref, i) => {
    if (parseSetRef(ref) === null) {
      errors.push({ field: `sets[${i}]`, message: SET_REF_MESSAGE });
    }
  });
  if (errors.length > 0) return errors;
  return {
    url: input.url,
    events: [...new Set(input.events as WebhookEventType[])],
    sets: sets === undefined ? null : [...new Set(sets)],
  };
}

function knownEvents(): string {
  return WEBHOOK_EVENTS.join(', ');
}

function urlErrors(raw: string): FieldError[] {
  const error = (message: string): FieldError[] => [{ field: 'url', message }];
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    return error(`must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return error('must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return error(`must use http or https, not "${url.protocol.slice(0, -1)}"`);
  }
  if (url.username !== '' || url.password !== '') {
    return error('must not contain credentials (user:password@); verify the signature instead');
  }
  return [];
}

export type { EventActor };

/** A committed change of one set, as the writer recorded it in the outbox. */
export interface SetChange {
  type: SetChangeType;
  set: string;
  team: string;
  version: number;
  previousVersion: number | null;
  actor: EventActor;
  requestId: string;
  occurredAt: Date;
}

/** The parts of a webhook that decide which events it receives. */
export interface Subscription {
  team: string;
  events: readonly string[];
  sets: readonly string[] | null;
}

/** A set that events are about: its owner and whether other teams may read it. */
export interface EventSubject {
  set: string;
  team: string;
  shared: boolean;
}

/**
 * Whether a webhook receives `type` for `subject`. Without `sets`, it hears about every set of
 * its own team; with `sets`, about exactly those, and another team's set only while it is shared
 * (a private set of another team is never revealed).
 */
export function subscribes(
  hook: Subscription,
  type: WebhookEventType,
  subject: EventSubject,
): boolean {
  if (!hook.events.includes(type)) return false;
  if (hook.sets === null) return subject.team === hook.team;
  return hook.sets.includes(subject.set) && (subject.team === hook.team || subject.shared);
}

/** The JSON body of one delivery (Standard Webhooks' `{ type, timestamp, data }`). */
export interface WebhookPayload {
  type: WebhookEventType;
  timestamp: string;
  data: {
    set: string;
    version: number;
    previousVersion: number | null;
    actor: EventActor;
    requestId: string;
    /** resolution.changed only: the included set whose change altered this set's resolution. */
    changed?: { set: string; version: number; previousVersion: number | null };
  };
}

/**
 * The body sent to a webhook of `receiverTeam`. Another team only learns the actor's team, as in
 * the audit trail, never the token name.
 */
export function buildPayload(
  change: SetChange,
  receiverTeam: string,
  dependent?: { set: string; version: number },
): WebhookPayload {
  const actor = actorSeenBy(change.actor, receiverTeam);
  const base = { actor, requestId: change.requestId };
  if (dependent === undefined) {
    return {
      type: change.type,
      timestamp: change.occurredAt.toISOString(),
      data: {
        set: change.set,
        version: change.version,
        previousVersion: change.previousVersion,
        ...base,
      },
    };
  }
  return {
    type: 'resolution.changed',
    timestamp: change.occurredAt.toISOString(),
    data: {
      set: dependent.set,
      version: dependent.version,
      previousVersion: dependent.version,
      ...base,
      changed: {
        set: change.set,
        version: change.version,
        previousVersion: change.previousVersion,
      },
    },
  };
}

export interface RetryPolicy {
  /** Delay before the second attempt; each further one doubles it. */
  baseDelayMs: number;
  /** No single wait is longer than this. */
  maxDelayMs: number;
}

/**
 * When to try again after `attempt` failed attempts, or null to give up: exponential backoff
 * with "equal jitter" (half fixed, half random) so receivers coming back are not hit by every
 * retry at once, and never past `deadline` (24 hours after the delivery was created, by default).
 */
export function nextAttemptAt(
  policy: RetryPolicy,
  attempt: number,
  deadline: Date,
  now: Date,
  random: number,
): Date | null {
  const exponential = policy.baseDelayMs * 2 ** Math.min(attempt - 1, 40);
  const delay = Math.min(policy.maxDelayMs, exponential);
  const at = now.getTime() + Math.round(delay / 2 + (random * delay) / 2);
  return at > deadline.getTime() ? null : new Date(at);
}

/** A delivery to create: one event for one webhook. */
export interface FanOut {
  webhookId: string;
  type: WebhookEventType;
  set: string;
  payload: WebhookPayload;
}

/**
 * Who receives what for one change: its own event for the webhooks subscribed to the set, and
 * `resolution.changed` for each set that includes it (directly or not) to those subscribed to
 * that set.
 */
export function fanOut(
  change: SetChange & { shared: boolean },
  dependents: readonly (EventSubject & { version: number })[],
  webhooks: readonly (Subscription & { id: string })[],
): FanOut[] {
  const out: FanOut[] = [];
  const subject = { set: change.set, team: change.team, shared: change.shared };
  for (const hook of webhooks) {
    if (subscribes(hook, change.type, subject)) {
      out.push({
        webhookId: hook.id,
        type: change.type,
        set: change.set,
        payload: buildPayload(change, hook.team),
      });
    }
    for (const dependent of dependents) {
      if (!subscribes(hook, 'resolution.changed', dependent)) continue;
      out.push({
        webhookId: hook.id,
        type: 'resolution.changed',
        set: dependent.set,
        payload: buildPayload(change, hook.team, dependent),
      });
    }
  }
  return out;
}

/** Any 2xx is success; everything else (including redirects, never followed) is retried. */
export function isDelivered(status: number): boolean {
  return status >= 200 && status < 300;
}
