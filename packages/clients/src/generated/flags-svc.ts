// Generated from services/flags-svc/openapi.json by `pnpm gen`. Do not edit.

export type paths = {
    "/ofrep/v1/configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OFREP provider configuration */
        get: operations["ofrepConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ofrep/v1/evaluate/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OFREP bulk evaluation of every flag of the environment
         * @description ETag is a hash of the answer: If-None-Match with it answers 304 while nothing changed for this context.
         */
        post: operations["ofrepEvaluateFlags"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ofrep/v1/evaluate/flags/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OFREP single flag evaluation
         * @description OpenFeature Remote Evaluation Protocol. Errors: 400 INVALID_CONTEXT / PARSE_ERROR, 404 FLAG_NOT_FOUND, as problem+json bodies that also carry the OFREP fields key, errorCode and errorDetails.
         */
        post: operations["ofrepEvaluateFlag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every environment with its revision and counts */
        get: operations["listEnvironments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/environments/{environment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One environment */
        get: operations["getEnvironment"];
        /** Create an environment (idempotent); writing a flag creates its environment too */
        put: operations["putEnvironment"];
        post?: never;
        /** Delete an empty environment (409 while it holds flags or segments) */
        delete: operations["deleteEnvironment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Evaluate one flag (flag) or every flag for a context
         * @description Answers from the in-memory snapshot of the environment (no Redis round trip): value, variant, reason and errorCode in OpenFeature vocabulary, plus the Unleash view (enabled, variantDetail). An unknown flag answers reason ERROR, errorCode FLAG_NOT_FOUND.
         */
        post: operations["evaluateFlags"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Flags of an environment in name order, a page at a time */
        get: operations["listFlags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One flag with its version metadata; ETag for If-Match */
        get: operations["getFlag"];
        /**
         * Create or replace a flag (shorthand strategies accepted)
         * @description Strategies may be Unleash strategies or the shorthands all, none, percentage {percentage, stickiness?, groupId?}, user_list {userIds}, group {groups}; they are stored expanded. If-Match: the ETag you read (412 when the flag moved on); If-None-Match: * creates only. Referenced segments and parent flags must exist (422).
         */
        put: operations["putFlag"];
        post?: never;
        /** Delete a flag (409 while another flag depends on it) */
        delete: operations["deleteFlag"];
        options?: never;
        head?: never;
        /**
         * Change part of a flag (JSON Merge Patch, RFC 7396)
         * @description Send application/merge-patch+json. With If-Match the patch applies only to that version (412 otherwise); without, it is applied to the latest version atomically.
         */
        patch: operations["patchFlag"];
        trace?: never;
    };
    "/v1/flags/{name}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a flag off in an environment */
        post: operations["disableFlag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/{name}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a flag on in an environment */
        post: operations["enableFlag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/{name}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Evaluations of a flag per minute: yes/no and per variant
         * @description Counts from every flags-svc instance and from SDKs that report theirs (POST /v1/usage).
         */
        get: operations["getFlagUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The environment as Unleash's client features document, at one revision
         * @description What SDKs that evaluate locally start from: `meta.revision` is where to start watching. ETag / If-None-Match (304).
         */
        get: operations["exportFlags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import Unleash's client features document (features and segments) as it is
         * @description One atomic step. mode=upsert (default) adds and replaces what the document holds; mode=replace also deletes what it lacks. The resulting environment must be valid as a whole (422 lists the problems); lenient=true accepts invalid rules as Unleash does (they never match).
         */
        post: operations["importFlags"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every segment of an environment */
        get: operations["listSegments"];
        put?: never;
        /** Create a segment (an id is allocated unless the body names one) */
        post: operations["createSegment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One segment; ETag for If-Match */
        get: operations["getSegment"];
        /** Create or replace a segment (If-Match / If-None-Match) */
        put: operations["putSegment"];
        post?: never;
        /** Delete a segment (409 while a flag uses it) */
        delete: operations["deleteSegment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report evaluation counts from an SDK that evaluates locally */
        post: operations["reportUsage"];
        delete?: never;
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
         * Watch an environment's flag changes: Server-Sent Events, or a long-poll with afterRevision
         * @description Events: feature-updated {feature, meta}, feature-removed {featureName}, segment-updated {segment, meta}, segment-removed {segmentId}, environment-deleted. SSE `id:` is the revision; reconnect with Last-Event-ID to miss nothing. A `compacted` event (or compacted: true) means: re-read /v1/flags/export, then watch from its meta.revision.
         */
        get: operations["watchFlags"];
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
        Constraint: {
            caseInsensitive?: boolean;
            contextName: string;
            inverted?: boolean;
            /** @description IN, NOT_IN, STR_*, NUM_*, DATE_*, SEMVER_*, ... */
            operator: string;
            value?: string;
            values?: string[];
        };
        Dependency: {
            enabled?: boolean;
            /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
            feature: string;
            variants?: string[];
        };
        Environment: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** @description How many flags it holds */
            flags: number;
            name: string;
            revision: number;
            segments: number;
        };
        EnvironmentList: {
            items: components["schemas"]["Environment"][];
        };
        EvaluateRequest: {
            context?: components["schemas"]["EvaluationContext"];
            /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
            flag?: string;
        };
        EvaluateResponse: {
            environment: string;
            flags: components["schemas"]["Evaluation"][];
            /** @description Revision of the snapshot that answered */
            revision: number;
        };
        Evaluation: {
            enabled: boolean;
            errorCode?: string;
            errorDetails?: string;
            key: string;
            metadata?: {
                [key: string]: string | number | boolean;
            };
            /** @description OpenFeature reason: STATIC, DEFAULT, TARGETING_MATCH, SPLIT, DISABLED, UNKNOWN or ERROR */
            reason: string;
            /** @description The variant payload (typed by payload type: json -> object, number -> number, boolean -> boolean, else string) when a variant was chosen, the variant name when it has no payload, otherwise the flag state as a boolean */
            value: unknown;
            variant?: string;
            variantDetail: {
                enabled: boolean;
                featureEnabled: boolean;
                name: string;
                payload?: components["schemas"]["VariantPayload"];
            };
        };
        /** @description OpenFeature evaluation context. targetingKey is the userId unless userId is given; sessionId, remoteAddress, appName, environment, currentTime, groups, properties and any other field feed constraints and stickiness. */
        EvaluationContext: {
            [key: string]: unknown;
        };
        Feature: {
            dependencies?: components["schemas"]["Dependency"][];
            description?: string | null;
            enabled: boolean;
            impressionData: boolean;
            /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
            name: string;
            project: string;
            stale: boolean;
            strategies: components["schemas"]["Strategy"][];
            type: string;
            variants: components["schemas"]["Variant"][];
        };
        FeaturesDocument: {
            features: components["schemas"]["Feature"][];
            meta: {
                environment: string;
                etag: string;
                /** @description Watch from here to miss nothing */
                revision: number;
            };
            segments: components["schemas"]["Segment"][];
            version: number;
        };
        FlagEvent: {
            data: {
                environment: string;
                feature?: components["schemas"]["Feature"];
                featureName?: string;
                meta?: components["schemas"]["RecordMeta"];
                segment?: components["schemas"]["Segment"];
                segmentId?: number;
            };
            revision: number;
            /** @description Server time of the change, ms since epoch */
            time: number;
            /** @enum {string} */
            type: "feature-updated" | "feature-removed" | "segment-updated" | "segment-removed" | "environment-deleted";
        };
        FlagEventPage: {
            /** @description Events after afterRevision are gone: re-read the export, then watch from its revision */
            compacted: boolean;
            events: components["schemas"]["FlagEvent"][];
            /** @description Resume from here with afterRevision */
            revision: number;
        };
        FlagInput: {
            dependencies?: components["schemas"]["Dependency"][];
            description?: string | null;
            /** @description On or off in this environment */
            enabled: boolean;
            impressionData?: boolean;
            /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
            name?: string;
            /** @default default */
            project?: string;
            stale?: boolean;
            /** @description Empty: on for everyone (when enabled) */
            strategies: components["schemas"]["Strategy"][];
            /**
             * @description release, experiment, operational, kill-switch, permission, ...
             * @default release
             */
            type?: string;
            variants?: components["schemas"]["Variant"][];
        };
        FlagPage: {
            environment: string;
            items: components["schemas"]["FlagRecord"][];
            /** @description Pass as cursor for the next page; null at the end */
            nextCursor: string | null;
            /** @description Environment revision when the page was read */
            revision: number;
        };
        FlagRecord: {
            environment: string;
            flag: components["schemas"]["Feature"];
            meta: components["schemas"]["RecordMeta"];
        };
        FlagUsage: {
            buckets: components["schemas"]["UsageBucket"][];
            environment: string;
            flag: string;
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            totals: {
                no: number;
                variants: {
                    [key: string]: number;
                };
                yes: number;
            };
        };
        ImportDocument: {
            features: {
                [key: string]: unknown;
            }[];
            segments?: {
                [key: string]: unknown;
            }[];
            version?: number;
        } & {
            [key: string]: unknown;
        };
        ImportResult: {
            environment: string;
            flags: {
                created: number;
                deleted: number;
                unchanged: number;
                updated: number;
            };
            /** @description Environment revision after the import */
            revision: number;
            segments: {
                created: number;
                deleted: number;
                unchanged: number;
                updated: number;
            };
            warnings: {
                message: string;
                path: string;
            }[];
        };
        OfrepBulkResponse: {
            flags: (components["schemas"]["OfrepSuccess"] | components["schemas"]["OfrepFailure"])[];
        };
        OfrepConfiguration: {
            capabilities: {
                cacheInvalidation: {
                    polling: {
                        enabled: boolean;
                        minPollingIntervalMs: number;
                    };
                };
                flagEvaluation: {
                    supportedTypes: string[];
                };
            };
            name: string;
        };
        OfrepFailure: {
            /** @description PARSE_ERROR, TARGETING_KEY_MISSING, INVALID_CONTEXT, GENERAL or FLAG_NOT_FOUND */
            errorCode: string;
            errorDetails?: string;
            key?: string;
        } & {
            [key: string]: unknown;
        };
        OfrepRequest: {
            context?: components["schemas"]["EvaluationContext"];
        } & {
            [key: string]: unknown;
        };
        OfrepSuccess: {
            cacheable?: boolean;
            key: string;
            metadata?: {
                [key: string]: string | number | boolean;
            };
            /** @description OpenFeature reason: STATIC, DEFAULT, TARGETING_MATCH, SPLIT, DISABLED, UNKNOWN or ERROR */
            reason: string;
            value: unknown;
            variant?: string;
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
        RecordMeta: {
            /** Format: date-time */
            createdAt: string;
            /** @description Environment revision that created it */
            createRevision: number;
            /** @description Environment revision of its last change (also its ETag) */
            modRevision: number;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** @description Increases by one with every change of this entity */
            version: number;
        };
        Segment: {
            constraints: components["schemas"]["Constraint"][];
            description?: string | null;
            id: number;
            name: string;
        };
        SegmentInput: {
            constraints: components["schemas"]["Constraint"][];
            description?: string | null;
            id?: number;
            name: string;
        };
        SegmentList: {
            environment: string;
            items: components["schemas"]["SegmentRecord"][];
            revision: number;
        };
        SegmentRecord: {
            environment: string;
            meta: components["schemas"]["RecordMeta"];
            segment: components["schemas"]["Segment"];
        };
        Strategy: {
            constraints?: components["schemas"]["Constraint"][];
            disabled?: boolean | null;
            groupId?: string;
            groups?: string[] | string;
            /** @description default, userWithId, flexibleRollout, remoteAddress, applicationHostname, ... or a shorthand: all, none, percentage, user_list, group */
            name: string;
            parameters?: {
                [key: string]: string | number | boolean | (string | number)[];
            };
            percentage?: number | string;
            segments?: number[];
            stickiness?: string;
            title?: string | null;
            userIds?: string[] | string;
            variants?: components["schemas"]["Variant"][];
        };
        UsageBucket: {
            /** Format: date-time */
            minute: string;
            no: number;
            variants: {
                [key: string]: number;
            };
            yes: number;
        };
        UsageReport: {
            appName?: string;
            bucket: {
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                stop: string;
                toggles: {
                    [key: string]: {
                        no: number;
                        variants?: {
                            [key: string]: number;
                        };
                        yes: number;
                    };
                };
            };
            instanceId?: string;
        };
        Variant: {
            name: string;
            overrides?: {
                contextName: string;
                values: string[];
            }[];
            payload?: components["schemas"]["VariantPayload"];
            stickiness?: string;
            weight: number;
            weightType?: string;
        };
        VariantPayload: {
            /** @description string, json, csv, number or boolean */
            type: string;
            value: string;
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
    ofrepConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
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
                    "application/json": components["schemas"]["OfrepConfiguration"];
                };
            };
            /** @description Not modified */
            304: {
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
    ofrepEvaluateFlags: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: {
                "if-none-match"?: string;
                /** @description The environment to evaluate in (or ?environment=), letters, digits and . _ -, 1..64; default DEFAULT_ENVIRONMENT */
                "x-trellis-environment"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfrepRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfrepBulkResponse"];
                };
            };
            /** @description Not modified */
            304: {
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
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
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
    ofrepEvaluateFlag: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: {
                /** @description The environment to evaluate in (or ?environment=), letters, digits and . _ -, 1..64; default DEFAULT_ENVIRONMENT */
                "x-trellis-environment"?: string;
            };
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfrepRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfrepSuccess"];
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
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description FLAG_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfrepFailure"];
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
    listEnvironments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
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
                    "application/json": components["schemas"]["EnvironmentList"];
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
    getEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment: string;
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
                    "application/json": components["schemas"]["Environment"];
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
    putEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string | null;
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
                    "application/json": components["schemas"]["Environment"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Environment"];
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
    deleteEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
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
    evaluateFlags: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluateRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluateResponse"];
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
    listFlags: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
                limit?: number;
                prefix?: string;
            };
            header?: never;
            path?: never;
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
                    "application/json": components["schemas"]["FlagPage"];
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
    getFlag: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: never;
            path: {
                /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
                name: string;
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
                    "application/json": components["schemas"]["FlagRecord"];
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
    putFlag: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: {
                /** @description ETag the change is based on (412 if it moved on) */
                "if-match"?: string;
                /** @description `*`: create only (412 if it exists) */
                "if-none-match"?: string;
            };
            path: {
                /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FlagInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlagRecord"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlagRecord"];
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
            /** @description Precondition Failed */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Precondition Required */
            428: {
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
    deleteFlag: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: {
                /** @description ETag the change is based on (412 if it moved on) */
                "if-match"?: string;
                /** @description `*`: create only (412 if it exists) */
                "if-none-match"?: string;
            };
            path: {
                /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
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
            /** @description Conflict */
            409: {
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
            /** @description Precondition Required */
            428: {
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
    patchFlag: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: {
                /** @description ETag the change is based on (412 if it moved on) */
                "if-match"?: string;
                /** @description `*`: create only (412 if it exists) */
                "if-none-match"?: string;
            };
            path: {
                /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
                name: string;
            };
            cookie?: never;
        };
        /** @description A JSON Merge Patch of FlagInput */
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
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
                    "application/json": components["schemas"]["FlagRecord"];
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
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Precondition Required */
            428: {
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
    disableFlag: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: {
                /** @description ETag the change is based on (412 if it moved on) */
                "if-match"?: string;
                /** @description `*`: create only (412 if it exists) */
                "if-none-match"?: string;
            };
            path: {
                /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
                name: string;
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
                    "application/json": components["schemas"]["FlagRecord"];
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
            /** @description Precondition Required */
            428: {
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
    enableFlag: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: {
                /** @description ETag the change is based on (412 if it moved on) */
                "if-match"?: string;
                /** @description `*`: create only (412 if it exists) */
                "if-none-match"?: string;
            };
            path: {
                /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
                name: string;
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
                    "application/json": components["schemas"]["FlagRecord"];
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
            /** @description Precondition Required */
            428: {
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
    getFlagUsage: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
                /** @description How far back, in minutes */
                minutes?: number;
            };
            header?: never;
            path: {
                /** @description Letters, digits and . _ ~ -, 1..100, starting with a letter or digit */
                name: string;
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
                    "application/json": components["schemas"]["FlagUsage"];
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
    exportFlags: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
                format?: "unleash";
                project?: string;
            };
            header?: never;
            path?: never;
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
                    "application/json": components["schemas"]["FeaturesDocument"];
                };
            };
            /** @description Not modified */
            304: {
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
    importFlags: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
                format?: "unleash";
                lenient?: boolean;
                mode?: "upsert" | "replace";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportDocument"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
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
            /** @description Unprocessable Content */
            422: {
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
    listSegments: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: never;
            path?: never;
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
                    "application/json": components["schemas"]["SegmentList"];
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
    createSegment: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SegmentInput"];
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentRecord"];
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
            /** @description Unprocessable Content */
            422: {
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
    getSegment: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: never;
            path: {
                id: number;
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
                    "application/json": components["schemas"]["SegmentRecord"];
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
    putSegment: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: {
                /** @description ETag the change is based on (412 if it moved on) */
                "if-match"?: string;
                /** @description `*`: create only (412 if it exists) */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SegmentInput"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentRecord"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentRecord"];
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
            /** @description Precondition Failed */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Content */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Precondition Required */
            428: {
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
    deleteSegment: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: {
                /** @description ETag the change is based on (412 if it moved on) */
                "if-match"?: string;
                /** @description `*`: create only (412 if it exists) */
                "if-none-match"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
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
            /** @description Conflict */
            409: {
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
            /** @description Precondition Required */
            428: {
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
    reportUsage: {
        parameters: {
            query?: {
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UsageReport"];
            };
        };
        responses: {
            /** @description Counted */
            202: {
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
    watchFlags: {
        parameters: {
            query?: {
                /** @description Long-poll: answer JSON with the events after this revision */
                afterRevision?: number;
                /** @description Letters, digits and . _ -, 1..64 */
                environment?: string;
                /** @description SSE: start after this revision (Last-Event-ID takes precedence) */
                fromRevision?: number;
                /** @description Long-poll: how long to wait for an event */
                timeoutSeconds?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Without afterRevision: text/event-stream, one event per change. With afterRevision: a JSON FlagEventPage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlagEventPage"];
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
