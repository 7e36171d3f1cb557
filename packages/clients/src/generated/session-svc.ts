// Generated from services/session-svc/openapi.json by `pnpm gen`. Do not edit.

export type paths = {
    "/v1/session-ids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue ids ahead of their sessions
         * @description For session stores that must name a session before they save it (express-session calls genid synchronously). Each id can create one session (POST /v1/sessions with sessionId) until expiresAt; no other client-chosen id is ever accepted.
         */
        post: operations["reserveSessionIds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a session with a fresh server-issued id
         * @description The id has 264 bits from a CSPRNG (base64url). Without TTLs the deployment defaults apply (idle 30 min, absolute 12 h). With SESSION_MAX_PER_USER set, the oldest session of the user is evicted, or this one refused (409), per SESSION_MAX_PER_USER_POLICY.
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a session, sliding its idle expiry
         * @description Slides the idle expiry (never past the absolute one) unless touch=false; a session read again within SESSION_TOUCH_INTERVAL_MS (1 s by default) of its last recorded access is not written again, so lastAccessedAt and idleExpiresAt move at most once per interval. Unknown, expired, deleted, rotated-past-grace and malformed ids are all 404.
         */
        get: operations["getSession"];
        put?: never;
        post?: never;
        /** End a session now (logout) */
        delete: operations["deleteSession"];
        options?: never;
        head?: never;
        /**
         * Change session data with a JSON Merge Patch (application/merge-patch+json)
         * @description RFC 7396 on `data`: null removes a field, objects merge, anything else replaces. Each top-level field is stored on its own, so concurrent patches of different fields all survive. If-Match: "<version>" makes it conditional (412 with currentETag on mismatch). Counts as activity.
         */
        patch: operations["patchSession"];
        trace?: never;
    };
    "/v1/sessions/{sessionId}/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace all of a session’s data
         * @description For stores that write whole sessions (express-session). Prefer PATCH, which never overwrites fields it does not name.
         */
        put: operations["replaceSessionData"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{sessionId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give the session a new id (on login or any privilege change)
         * @description Same data, new id. The old id keeps working for graceSeconds (default SESSION_ROTATION_GRACE_SECONDS, 10 s) so requests in flight succeed, then dies. A rotated-away id cannot rotate again (409) and never learns the new id.
         */
        post: operations["rotateSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's live sessions, with client info and times
         * @description Ordered by absolute expiry. Sessions are named by sessionRef, never by id. Pages may hold fewer than `limit` sessions (ended ones are dropped from the index as they are met); follow nextCursor until it is null.
         */
        get: operations["listUserSessions"];
        put?: never;
        post?: never;
        /**
         * End all of a user's sessions, except optionally the caller's own
         * @description `except` keeps one session (with every id it has in its grace period) when it is a live session of this user; an unknown `except` keeps nothing.
         */
        delete: operations["invalidateUserSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}/sessions/{sessionRef}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one session of a user by its sessionRef (sign out one device) */
        delete: operations["revokeUserSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Session events (created, rotated, deleted, expired): Server-Sent Events, or a long-poll with afterRevision
         * @description Events name sessions by sessionRef, never by id. `id:` is the revision; resume with Last-Event-ID. A `compacted` event means history was trimmed: re-list, then watch from the revision it carries.
         */
        get: operations["watchSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description Without userId the session is anonymous: it is in no user index and counts towards no limit. */
        CreateSession: {
            /** @description Absolute timeout: the session ends this long after creation, however busy, in seconds; the deployment's SESSION_MIN_TTL_SECONDS..SESSION_MAX_TTL_SECONDS applies */
            absoluteTtlSeconds?: number;
            clientInfo?: {
                /** @description IPv4 or IPv6 address */
                ip?: string;
                userAgent?: string;
            };
            data?: components["schemas"]["SessionData"];
            /** @description Idle timeout: the session ends after this long without use, in seconds; the deployment's SESSION_MIN_TTL_SECONDS..SESSION_MAX_TTL_SECONDS applies */
            idleTtlSeconds?: number;
            /** @description An id reserved earlier with POST /v1/session-ids (for stores that must know the id first); never any other */
            sessionId?: string;
            /** @description Printable ASCII without spaces, 1..256 */
            userId?: string;
        };
        EventPage: {
            /** @description Events after afterRevision are gone: re-list, then watch from revision */
            compacted: boolean;
            events: components["schemas"]["SessionEvent"][];
            /** @description Resume from here with afterRevision */
            revision: number;
        };
        InvalidateResult: {
            /** @description Sessions this call ended */
            deleted: number;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            /** @description Stable machine-readable error code, e.g. VALIDATION_FAILED */
            code: string;
            /** @description On 412: the ETag the resource has now */
            currentETag?: string;
            detail?: string;
            /** @description Every validation failure, for 400 VALIDATION_FAILED */
            errors?: {
                message: string;
                path: string;
            }[];
            /** @description The request path */
            instance?: string;
            requestId?: string;
            retryAfterSeconds?: number;
            status: number;
            title: string;
            /** @description URI reference identifying the problem type */
            type: string;
        } & {
            [key: string]: unknown;
        };
        ReservedSessionIds: {
            /**
             * Format: date-time
             * @description Unclaimed ids stop being accepted at this time
             */
            expiresAt: string;
            sessionIds: string[];
        };
        Session: {
            /** Format: date-time */
            absoluteExpiresAt: string;
            clientInfo: {
                ip: string | null;
                userAgent: string | null;
            };
            /** Format: date-time */
            createdAt: string;
            data: components["schemas"]["SessionData"];
            /**
             * Format: date-time
             * @description Slides with every use, never past absoluteExpiresAt
             */
            idleExpiresAt: string;
            idleTtlSeconds: number;
            /**
             * Format: date-time
             * @description null for the current id; for an id rotated away, when its grace period ends
             */
            idValidUntil: string | null;
            /** Format: date-time */
            lastAccessedAt: string;
            /**
             * Format: date-time
             * @description Rotation only: until when the old id still works (null: it already stopped)
             */
            previousIdValidUntil?: string | null;
            /** @description The id this request used */
            sessionId: string;
            /** @description Public handle of a session: stable across rotations, never usable as (or turned back into) its id */
            sessionRef: string;
            userId: string | null;
            /** @description Increases with every data change; the ETag is "<version>" */
            version: number;
        };
        /** @description Arbitrary JSON object. Top-level fields are stored separately, so writers of different fields never overwrite each other. Size and field count are bounded by the deployment (SESSION_MAX_DATA_BYTES, SESSION_MAX_DATA_FIELDS). */
        SessionData: {
            [key: string]: unknown;
        };
        SessionEvent: {
            data: {
                /** @description created: ms since epoch */
                absoluteExpiresAt?: number;
                /** @description rotated: ms since epoch the old id stops working (0: at once) */
                previousIdValidUntil?: number;
                /** @description deleted: logout | invalidated | evicted | revoked | aborted; expired: idle | absolute */
                reason?: string;
                /** @description Public handle of a session: stable across rotations, never usable as (or turned back into) its id */
                sessionRef: string;
                userId: string | null;
            };
            revision: number;
            /** @description Server time of the change, ms since epoch */
            time: number;
            /** @enum {string} */
            type: "created" | "rotated" | "deleted" | "expired";
        };
        SessionPage: {
            /** @description Pass as cursor for the next page; null at the end */
            nextCursor: string | null;
            sessions: components["schemas"]["SessionSummary"][];
        };
        SessionSummary: {
            /** Format: date-time */
            absoluteExpiresAt: string;
            clientInfo: {
                ip: string | null;
                userAgent: string | null;
            };
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Slides with every use, never past absoluteExpiresAt
             */
            idleExpiresAt: string;
            /** Format: date-time */
            lastAccessedAt: string;
            /** @description Public handle of a session: stable across rotations, never usable as (or turned back into) its id */
            sessionRef: string;
            userId: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    reserveSessionIds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 1 */
                    count?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservedSessionIds"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSession"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: {
                /** @description false reads without counting as activity */
                touch?: boolean;
            };
            header?: never;
            path: {
                /** @description A session id issued by session-svc */
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A session id issued by session-svc */
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description Strong entity tag(s) "<version>", or * */
                "if-match"?: string;
            };
            path: {
                /** @description A session id issued by session-svc */
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["SessionData"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Precondition Failed */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceSessionData: {
        parameters: {
            query?: never;
            header?: {
                /** @description Strong entity tag(s) "<version>", or * */
                "if-match"?: string;
            };
            path: {
                /** @description A session id issued by session-svc */
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SessionData"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Precondition Failed */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Content Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A session id issued by session-svc */
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description How long the old id keeps working */
                    graceSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUserSessions: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description Printable ASCII without spaces, 1..256 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionPage"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    invalidateUserSessions: {
        parameters: {
            query?: {
                /** @description A session id issued by session-svc */
                except?: string;
            };
            header?: never;
            path: {
                /** @description Printable ASCII without spaces, 1..256 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidateResult"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeUserSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Public handle of a session: stable across rotations, never usable as (or turned back into) its id */
                sessionRef: string;
                /** @description Printable ASCII without spaces, 1..256 */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    watchSessions: {
        parameters: {
            query?: {
                /** @description Long-poll: answer JSON with the events after this revision */
                afterRevision?: number;
                /** @description SSE: start after this revision (Last-Event-ID takes precedence) */
                fromRevision?: number;
                /** @description Long-poll: how long to wait for an event */
                timeoutSeconds?: number;
                /** @description Printable ASCII without spaces, 1..256 */
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Without afterRevision: text/event-stream, one event per change, `id:` = revision. With afterRevision: a JSON EventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                    "text/event-stream": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
