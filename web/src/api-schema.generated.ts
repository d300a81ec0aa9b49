/**
 * Generated from the API's OpenAPI document by web/generate-api-types.ts (npm run build:api-types): do not edit.
 * The dashboard names the shapes it reads in api-types.ts.
 */
export interface paths {
    "/api/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every member of staff, active first (never their tokens)
         * @description Roles: admin
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Staff */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "key_worker" | "in_work_team" | "team_lead" | "safeguarding_lead" | "admin";
                            team: string | null;
                            email: string | null;
                            phone: string | null;
                            active: boolean;
                            deactivatedAt: string | null;
                            /** @description The ADMIN_TOKEN administrator: cannot be switched off, demoted or given another token here */
                            bootstrap: boolean;
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /**
         * Add a member of staff and issue their token (shown once)
         * @description Roles: admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        role: "key_worker" | "in_work_team" | "team_lead" | "safeguarding_lead" | "admin";
                        team?: string;
                        /**
                         * Format: email
                         * @description Work email, unique; CSV imports name key workers by it
                         */
                        email?: string;
                        /** @description Work phone, a UK number (national or +44 form), stored as E.164: the number participants are rung from */
                        phone?: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "key_worker" | "in_work_team" | "team_lead" | "safeguarding_lead" | "admin";
                            team: string | null;
                            email: string | null;
                            phone: string | null;
                            /** @description Shown once; only its hash is kept */
                            token: string;
                        };
                    };
                };
                /** @description Invalid, with the failing field (an unknown role, an email already used, a phone that is not a UK number) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change name, role, team, phone; active: false switches them off at once; reassignTo hands their caseload over
         * @description Roles: admin
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {string} */
                        role?: "key_worker" | "in_work_team" | "team_lead" | "safeguarding_lead" | "admin";
                        /** @description A team not seen before is created by naming it; null: no team */
                        team?: string | null;
                        phone?: string | null;
                        /** @description false: every token and session of theirs stops at once; true: back, with no token until one is issued */
                        active?: boolean;
                        /**
                         * Format: uuid
                         * @description Hand their open caseload to this member of staff; each participant gets the handover text
                         */
                        reassignTo?: string;
                        /** @description Said to each participant handed over */
                        handoverReason?: string;
                    };
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "key_worker" | "in_work_team" | "team_lead" | "safeguarding_lead" | "admin";
                            team: string | null;
                            email: string | null;
                            phone: string | null;
                            active: boolean;
                            deactivatedAt: string | null;
                            /** @description The ADMIN_TOKEN administrator: cannot be switched off, demoted or given another token here */
                            bootstrap: boolean;
                            /** @description Participants handed over by this change */
                            reassigned: number;
                        };
                    };
                };
                /** @description Invalid, with the failing field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No such member of staff */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Refused as things stand (yourself, or the ADMIN_TOKEN administrator), saying why */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/staff/{id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new token (shown once); the old one, and every session signed in with it, stop at once
         * @description Roles: admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The new token */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown once; the previous token stopped working */
                            token: string;
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No such member of staff */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Switched off, or the ADMIN_TOKEN administrator */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's caseload (admin: everyone; team lead: the team's; in-work team: people in work in its team; safeguarding lead: people with a safeguarding alert) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Participants */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            firstName: string;
                            lastName: string | null;
                            /** @description The programme CRM's own id for this person (set by a CSV import) */
                            externalRef: string | null;
                            /** @description E.164 */
                            phone: string;
                            /** @enum {string} */
                            channel: "sms" | "whatsapp";
                            language: string;
                            keyWorkerId: string | null;
                            team: string | null;
                            referredAt: string | null;
                            daysSinceReferral: number | null;
                            /** @description Someone at this number said it is not theirs; nothing is sent until the phone changes */
                            wrongNumber: boolean;
                            inWorkAdviserId: string | null;
                            optedOut: boolean;
                            mutedStreams: ("reminders" | "dna_follow_up" | "check_ins" | "campaigns" | "pulses")[];
                            consent: {
                                contact: boolean;
                                basis: string | null;
                                at: string | null;
                            };
                            inWorkSince: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Add a participant who has agreed to be texted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        firstName: string;
                        phone: string;
                        /** @enum {string} */
                        channel: "sms" | "whatsapp";
                        language?: string;
                        /** Format: uuid */
                        keyWorkerId?: string;
                        /** Format: date-time */
                        referredAt?: string;
                        consent: {
                            /** @constant */
                            contact: true;
                            basis?: string;
                        };
                        /** @description true when the key worker has already confirmed the number with the person: no welcome text is sent */
                        contactConfirmed?: boolean;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            firstName: string;
                            lastName: string | null;
                            /** @description The programme CRM's own id for this person (set by a CSV import) */
                            externalRef: string | null;
                            /** @description E.164 */
                            phone: string;
                            /** @enum {string} */
                            channel: "sms" | "whatsapp";
                            language: string;
                            keyWorkerId: string | null;
                            team: string | null;
                            referredAt: string | null;
                            daysSinceReferral: number | null;
                            /** @description Someone at this number said it is not theirs; nothing is sent until the phone changes */
                            wrongNumber: boolean;
                            inWorkAdviserId: string | null;
                            optedOut: boolean;
                            mutedStreams: ("reminders" | "dna_follow_up" | "check_ins" | "campaigns" | "pulses")[];
                            consent: {
                                contact: boolean;
                                basis: string | null;
                                at: string | null;
                            };
                            inWorkSince: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Invalid (for example not a mobile number) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description That phone number already belongs to a participant */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bring in participants from the programme’s CRM as CSV; ?dryRun=true checks without writing
         * @description Roles: key_worker, admin
         */
        post: {
            parameters: {
                query?: {
                    dryRun?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description A header row, then one participant a row. Columns: first_name and phone (required), last_name, channel (sms|whatsapp), language (en|cy), consent (yes|no), referred_at (YYYY-MM-DD or DD/MM/YYYY), external_ref, key_worker_email. UTF-8 (with or without a byte-order mark) or Windows-1252; comma or semicolon separated (at most 10485760 bytes) */
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description What was (or, in a dry run, would be) created, updated, left unchanged and rejected */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dryRun: boolean;
                            /** @description Data rows read (blank lines not counted) */
                            rows: number;
                            created: number;
                            updated: number;
                            unchanged: number;
                            rejected: {
                                /** @description As a spreadsheet numbers it: the header is row 1 */
                                row: number;
                                field: string;
                                message: string;
                            }[];
                            /** @description Headers that are none of ours: ignored */
                            unknownColumns: string[];
                        };
                    };
                };
                /** @description Not a participants CSV: a required column is missing (named in details.missingColumns), or the CSV is malformed */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Only key workers (into their own caseload) and admins import */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description The file is too large or has too many rows */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description The body is not text/csv */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One participant with opt-out state and open alerts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The participant */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            firstName: string;
                            lastName: string | null;
                            /** @description The programme CRM's own id for this person (set by a CSV import) */
                            externalRef: string | null;
                            /** @description E.164 */
                            phone: string;
                            /** @enum {string} */
                            channel: "sms" | "whatsapp";
                            language: string;
                            keyWorkerId: string | null;
                            team: string | null;
                            referredAt: string | null;
                            daysSinceReferral: number | null;
                            /** @description Someone at this number said it is not theirs; nothing is sent until the phone changes */
                            wrongNumber: boolean;
                            inWorkAdviserId: string | null;
                            optedOut: boolean;
                            mutedStreams: ("reminders" | "dna_follow_up" | "check_ins" | "campaigns" | "pulses")[];
                            consent: {
                                contact: boolean;
                                basis: string | null;
                                at: string | null;
                            };
                            inWorkSince: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            nextAppointment: {
                                /** Format: uuid */
                                id: string;
                                title: string;
                                location: string | null;
                                /** Format: date-time */
                                startsAt: string;
                                mandatory: boolean;
                            } | null;
                            openAlerts: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                participantId: string;
                                /** @enum {string} */
                                type: "safeguarding" | "dna_threshold" | "confidence_drop" | "at_risk" | "undeliverable" | "cancel_requested" | "rearrange_requested" | "not_reached" | "left_job" | "loop_detected" | "wrong_number" | "referral_stalled" | "message_for_key_worker";
                                /** @enum {string} */
                                priority: "urgent" | "high" | "normal";
                                /** @enum {string} */
                                status: "open" | "acknowledged";
                                /** Format: date-time */
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                acknowledgedAt: string | null;
                                acknowledgedBy: string | null;
                                note: string | null;
                                /** @description When the team's safeguarding contacts are texted if nobody acknowledges it (urgent safeguarding alerts) */
                                escalateAt: string | null;
                                /** @description When it was escalated: nobody had acknowledged it in time */
                                escalatedAt: string | null;
                                /** @description How many safeguarding contacts were texted (0: the team has none set) */
                                escalationContacts: number | null;
                            }[];
                            /** @description The latest job start, with its check-ins */
                            job: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                participantId: string;
                                startDate: string;
                                employer: string | null;
                                hoursPerWeek: number | null;
                                /** @enum {string} */
                                status: "active" | "left" | "replaced";
                                weeksSinceStart: number;
                                /** @description The last "yes, still in work" answer: sustainment evidence */
                                lastConfirmedInWorkAt: string | null;
                                endedAt: string | null;
                                checkIns: {
                                    week: number;
                                    /** Format: date-time */
                                    dueAt: string;
                                    sendAt: string | null;
                                    /** @enum {string} */
                                    status: "scheduled" | "sent" | "dropped" | "cancelled" | "skipped" | "superseded";
                                    reason: string | null;
                                    asksStillInWork: boolean;
                                }[];
                            } | null;
                            /** @description Pulse scores over time, one series a question */
                            confidence: {
                                instrumentId: string;
                                questionId: string;
                                label: string;
                                min: number;
                                max: number;
                                points: {
                                    /** Format: date-time */
                                    at: string;
                                    score: number;
                                }[];
                                latest: number | null;
                                /** @description The latest score minus the one before */
                                change: number | null;
                            }[];
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Erase: personal data and message bodies removed everywhere, counts kept */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Erased */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change phone, channel, language, key worker or muted streams */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        phone?: string;
                        /** @enum {string} */
                        channel?: "sms" | "whatsapp";
                        language?: string;
                        /** Format: uuid */
                        keyWorkerId?: string;
                        /** Format: uuid */
                        inWorkAdviserId?: string;
                        /** @description Why the key worker or adviser changed, for the introduction */
                        handoverReason?: string;
                        mutedStreams?: ("reminders" | "dna_follow_up" | "check_ins" | "campaigns" | "pulses")[];
                    };
                };
            };
            responses: {
                /** @description Updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            firstName: string;
                            lastName: string | null;
                            /** @description The programme CRM's own id for this person (set by a CSV import) */
                            externalRef: string | null;
                            /** @description E.164 */
                            phone: string;
                            /** @enum {string} */
                            channel: "sms" | "whatsapp";
                            language: string;
                            keyWorkerId: string | null;
                            team: string | null;
                            referredAt: string | null;
                            daysSinceReferral: number | null;
                            /** @description Someone at this number said it is not theirs; nothing is sent until the phone changes */
                            wrongNumber: boolean;
                            inWorkAdviserId: string | null;
                            optedOut: boolean;
                            mutedStreams: ("reminders" | "dna_follow_up" | "check_ins" | "campaigns" | "pulses")[];
                            consent: {
                                contact: boolean;
                                basis: string | null;
                                at: string | null;
                            };
                            inWorkSince: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description That phone number already belongs to a participant */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/participants/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Subject access request: everything held about one person (record, messages, alerts, appointments) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description All personal data held about the participant, as JSON */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants/{id}/follow-ups/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop any did-not-attend follow-up still running for this participant (the key worker has it in hand) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description How many were stopped */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stopped: number;
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case record, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                id: string;
                                /** @enum {string} */
                                type: "message.inbound" | "message.outbound" | "message.status" | "reminder.sent" | "appointment.created" | "appointment.rescheduled" | "appointment.cancelled" | "appointment.confirmed" | "appointment.cancel_requested" | "appointment.rearrange_requested" | "appointment.attended" | "appointment.did_not_attend" | "dna.reason" | "checkin.response" | "pulse.response" | "consent.opted_out" | "consent.opted_in" | "alert.raised" | "alert.acknowledged" | "alert.escalated" | "contact.welcome_sent" | "contact.confirmed" | "contact.wrong_number" | "contact.not_reached" | "contact.call_ahead" | "participant.handover" | "participant.created" | "participant.updated" | "participant.erased" | "job.started" | "job.left";
                                /** Format: date-time */
                                at: string;
                                /** Format: uuid */
                                appointmentId?: string;
                                data: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants/{id}/call-ahead": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Text the participant that you will ring them soon, naming you, the programme and the number you will ring from */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description How soon the call will come, in minutes (the text says "in the next 5 minutes")
                         * @default 5
                         */
                        inMinutes?: number;
                    };
                };
            };
            responses: {
                /** @description The text is on its way (sent through the outbound queue) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: uuid
                             * @description The text, queued to send through the normal outbound path
                             */
                            messageId: string;
                            /** @description What the participant will read, in their language */
                            text: string;
                            /** @description The number the call will come from, E.164 */
                            number: string;
                            /** @description The same number as the text gives it ("0161 496 0000") */
                            numberShown: string;
                            /**
                             * @description The caller's own work phone, or their team's phone
                             * @enum {string}
                             */
                            numberFrom: "work_phone" | "team_phone";
                            inMinutes: number;
                        };
                    };
                };
                /** @description inMinutes is not a whole number from 1 to 60 */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No text went, and why (error.code): opted_out, wrong_number, no_consent, erased, quiet_hours (details.quietHours), no_phone (neither your work phone nor your team’s phone is set), already_sent (one went less than a minute ago) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants/{id}/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every appointment of the participant, soonest first, each with the reminders of its current version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Appointments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            version: number;
                            title: string;
                            location: string | null;
                            /** Format: date-time */
                            startsAt: string;
                            mandatory: boolean;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                            attendance: ("attended" | "did_not_attend") | null;
                            reminderOffsets: string[] | null;
                            reminders: {
                                offset: string;
                                /** Format: date-time */
                                dueAt: string;
                                sendAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "sent" | "dropped" | "superseded" | "cancelled" | "skipped";
                                reason: string | null;
                            }[];
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Book an appointment; reminders are scheduled by the team policy (or reminderOffsets) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        startsAt: string;
                        title: string;
                        location?: string;
                        mandatory: boolean;
                        reminderOffsets?: string[];
                    };
                };
            };
            responses: {
                /** @description Booked, with its reminders */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            version: number;
                            title: string;
                            location: string | null;
                            /** Format: date-time */
                            startsAt: string;
                            mandatory: boolean;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                            attendance: ("attended" | "did_not_attend") | null;
                            reminderOffsets: string[] | null;
                            reminders: {
                                offset: string;
                                /** Format: date-time */
                                dueAt: string;
                                sendAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "sent" | "dropped" | "superseded" | "cancelled" | "skipped";
                                reason: string | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid (for example in the past) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/appointments/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Book up to 500 appointments at once (an import): all or none */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        appointments: {
                            /** Format: date-time */
                            startsAt: string;
                            title: string;
                            location?: string;
                            mandatory: boolean;
                            reminderOffsets?: string[];
                            /** Format: uuid */
                            participantId: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Booked, each with its reminders */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appointments: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                participantId: string;
                                version: number;
                                title: string;
                                location: string | null;
                                /** Format: date-time */
                                startsAt: string;
                                mandatory: boolean;
                                /** @enum {string} */
                                status: "scheduled" | "cancelled";
                                attendance: ("attended" | "did_not_attend") | null;
                                reminderOffsets: string[] | null;
                                reminders: {
                                    offset: string;
                                    /** Format: date-time */
                                    dueAt: string;
                                    sendAt: string | null;
                                    /** @enum {string} */
                                    status: "scheduled" | "sent" | "dropped" | "superseded" | "cancelled" | "skipped";
                                    reason: string | null;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Invalid (for example in the past) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A participant is not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/appointments/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bring in appointments from the programme’s CRM as CSV; ?dryRun=true checks without writing or sending
         * @description Roles: key_worker, admin
         */
        post: {
            parameters: {
                query?: {
                    dryRun?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description A header row, then one appointment a row. Columns: external_ref (the participant’s), appointment_ref (the CRM’s id for the appointment), starts_at (ISO 8601 with offset, or DD/MM/YYYY HH:MM in UK time) and title (required), location, mandatory (yes|no), reminder_offsets (e.g. "P1D PT2H"), cancelled (yes). A known appointment_ref with a new time is a reschedule. UTF-8 (with or without a byte-order mark) or Windows-1252; comma or semicolon separated (at most 10485760 bytes) */
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description What was (or, in a dry run, would be) booked, changed, left unchanged and rejected */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dryRun: boolean;
                            /** @description Data rows read (blank lines not counted) */
                            rows: number;
                            created: number;
                            updated: number;
                            unchanged: number;
                            rejected: {
                                /** @description As a spreadsheet numbers it: the header is row 1 */
                                row: number;
                                field: string;
                                message: string;
                            }[];
                            /** @description Headers that are none of ours: ignored */
                            unknownColumns: string[];
                        };
                    };
                };
                /** @description Not an appointments CSV: a required column is missing (named in details.missingColumns), or the CSV is malformed */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Only key workers (their own caseload) and admins import */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description The file is too large or has too many rows */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description The body is not text/csv */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/appointments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One appointment with the reminders of its current version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The appointment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            version: number;
                            title: string;
                            location: string | null;
                            /** Format: date-time */
                            startsAt: string;
                            mandatory: boolean;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                            attendance: ("attended" | "did_not_attend") | null;
                            reminderOffsets: string[] | null;
                            reminders: {
                                offset: string;
                                /** Format: date-time */
                                dueAt: string;
                                sendAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "sent" | "dropped" | "superseded" | "cancelled" | "skipped";
                                reason: string | null;
                            }[];
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an appointment: a new version, old reminders never fire, the participant is told */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        startsAt?: string;
                        title?: string;
                        location?: string | null;
                        mandatory?: boolean;
                        reminderOffsets?: string[] | null;
                    };
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            version: number;
                            title: string;
                            location: string | null;
                            /** Format: date-time */
                            startsAt: string;
                            mandatory: boolean;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                            attendance: ("attended" | "did_not_attend") | null;
                            reminderOffsets: string[] | null;
                            reminders: {
                                offset: string;
                                /** Format: date-time */
                                dueAt: string;
                                sendAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "sent" | "dropped" | "superseded" | "cancelled" | "skipped";
                                reason: string | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Cancelled already */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel: the participant is told and no reminder fires afterwards */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Cancelled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            version: number;
                            title: string;
                            location: string | null;
                            /** Format: date-time */
                            startsAt: string;
                            mandatory: boolean;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                            attendance: ("attended" | "did_not_attend") | null;
                            reminderOffsets: string[] | null;
                            reminders: {
                                offset: string;
                                /** Format: date-time */
                                dueAt: string;
                                sendAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "sent" | "dropped" | "superseded" | "cancelled" | "skipped";
                                reason: string | null;
                            }[];
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Cancelled already */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/appointments/{id}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record whether the participant attended */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "attended" | "did_not_attend";
                    };
                };
            };
            responses: {
                /** @description Recorded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            version: number;
                            title: string;
                            location: string | null;
                            /** Format: date-time */
                            startsAt: string;
                            mandatory: boolean;
                            /** @enum {string} */
                            status: "scheduled" | "cancelled";
                            attendance: ("attended" | "did_not_attend") | null;
                            reminderOffsets: string[] | null;
                            reminders: {
                                offset: string;
                                /** Format: date-time */
                                dueAt: string;
                                sendAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "sent" | "dropped" | "superseded" | "cancelled" | "skipped";
                                reason: string | null;
                            }[];
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Cancelled */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants/{id}/job-start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a job start: in-work check-ins are scheduled from that date (weeks from the team policy) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        startDate: string;
                        employer?: string;
                        hoursPerWeek?: number;
                        /**
                         * Format: uuid
                         * @description The in-work adviser who will look after them; their first check-in introduces them by name
                         */
                        inWorkAdviserId?: string;
                    };
                };
            };
            responses: {
                /** @description The job, with its check-ins */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            startDate: string;
                            employer: string | null;
                            hoursPerWeek: number | null;
                            /** @enum {string} */
                            status: "active" | "left" | "replaced";
                            weeksSinceStart: number;
                            /** @description The last "yes, still in work" answer: sustainment evidence */
                            lastConfirmedInWorkAt: string | null;
                            endedAt: string | null;
                            checkIns: {
                                week: number;
                                /** Format: date-time */
                                dueAt: string;
                                sendAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "sent" | "dropped" | "cancelled" | "skipped" | "superseded";
                                reason: string | null;
                                asksStillInWork: boolean;
                            }[];
                        };
                    };
                };
                /** @description Invalid (for example not a date) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants/{id}/job-end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that they have left their job: no more in-work check-ins */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description The ended job */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            startDate: string;
                            employer: string | null;
                            hoursPerWeek: number | null;
                            /** @enum {string} */
                            status: "active" | "left" | "replaced";
                            weeksSinceStart: number;
                            /** @description The last "yes, still in work" answer: sustainment evidence */
                            lastConfirmedInWorkAt: string | null;
                            endedAt: string | null;
                            checkIns: {
                                week: number;
                                /** Format: date-time */
                                dueAt: string;
                                sendAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "sent" | "dropped" | "cancelled" | "skipped" | "superseded";
                                reason: string | null;
                                asksStillInWork: boolean;
                            }[];
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload, or not in work */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pulse-instruments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The confidence pulses a campaign can send */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Instruments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            questions: {
                                id: string;
                                label: string;
                                text: string;
                                min: number;
                                max: number;
                            }[];
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your team's campaigns (admin: all), newest first, with live counts
         * @description Roles: in_work_team, admin
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Campaigns */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            type: "check_in" | "pulse";
                            instrumentId: string | null;
                            team: string | null;
                            /** @enum {string} */
                            status: "scheduled" | "running" | "paused" | "cancelled" | "completed";
                            /** Format: date-time */
                            startAt: string;
                            ratePerMinute: number;
                            /** Format: date-time */
                            createdAt: string;
                            audience: {
                                [key: string]: unknown;
                            };
                            /** @description pending + sent + skipped + cancelled = targeted; delivered, failed and responded are parts of sent */
                            counts: {
                                targeted: number;
                                pending: number;
                                sent: number;
                                delivered: number;
                                failed: number;
                                responded: number;
                                optedOut: number;
                                skipped: number;
                                cancelled: number;
                                skippedBecause: {
                                    [key: string]: number;
                                };
                            };
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /**
         * Start a check-in or pulse campaign for participants (by id or by filter), throttled to a rate a minute
         * @description Roles: in_work_team, admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        type: "check_in" | "pulse";
                        /** @description For a pulse; job-confidence when left out */
                        instrumentId?: string;
                        participantIds?: string[];
                        filter?: {
                            /**
                             * @description Only people with a current job start
                             * @constant
                             */
                            inWork?: true;
                            team?: string;
                            weeksSinceStart?: {
                                min?: number;
                                max?: number;
                            };
                        };
                        /**
                         * Format: date-time
                         * @description When the first message goes; now when left out
                         */
                        startAt?: string;
                        /** @description Messages a minute at most; 60 when left out */
                        ratePerMinute?: number;
                    };
                };
            };
            responses: {
                /** @description Created; messages go from startAt at ratePerMinute */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            type: "check_in" | "pulse";
                            instrumentId: string | null;
                            team: string | null;
                            /** @enum {string} */
                            status: "scheduled" | "running" | "paused" | "cancelled" | "completed";
                            /** Format: date-time */
                            startAt: string;
                            ratePerMinute: number;
                            /** Format: date-time */
                            createdAt: string;
                            audience: {
                                [key: string]: unknown;
                            };
                            /** @description pending + sent + skipped + cancelled = targeted; delivered, failed and responded are parts of sent */
                            counts: {
                                targeted: number;
                                pending: number;
                                sent: number;
                                delivered: number;
                                failed: number;
                                responded: number;
                                optedOut: number;
                                skipped: number;
                                cancelled: number;
                                skippedBecause: {
                                    [key: string]: number;
                                };
                            };
                        };
                    };
                };
                /** @description Invalid (an unknown instrument, people outside your caseload, nobody matching) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One campaign with live counts (targeted, sent, delivered, failed, responded, opted out, skipped)
         * @description Roles: in_work_team, admin
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            type: "check_in" | "pulse";
                            instrumentId: string | null;
                            team: string | null;
                            /** @enum {string} */
                            status: "scheduled" | "running" | "paused" | "cancelled" | "completed";
                            /** Format: date-time */
                            startAt: string;
                            ratePerMinute: number;
                            /** Format: date-time */
                            createdAt: string;
                            audience: {
                                [key: string]: unknown;
                            };
                            /** @description pending + sent + skipped + cancelled = targeted; delivered, failed and responded are parts of sent */
                            counts: {
                                targeted: number;
                                pending: number;
                                sent: number;
                                delivered: number;
                                failed: number;
                                responded: number;
                                optedOut: number;
                                skipped: number;
                                cancelled: number;
                                skippedBecause: {
                                    [key: string]: number;
                                };
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not your team’s */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause: nothing more goes until resumed
         * @description Roles: in_work_team, admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            type: "check_in" | "pulse";
                            instrumentId: string | null;
                            team: string | null;
                            /** @enum {string} */
                            status: "scheduled" | "running" | "paused" | "cancelled" | "completed";
                            /** Format: date-time */
                            startAt: string;
                            ratePerMinute: number;
                            /** Format: date-time */
                            createdAt: string;
                            audience: {
                                [key: string]: unknown;
                            };
                            /** @description pending + sent + skipped + cancelled = targeted; delivered, failed and responded are parts of sent */
                            counts: {
                                targeted: number;
                                pending: number;
                                sent: number;
                                delivered: number;
                                failed: number;
                                responded: number;
                                optedOut: number;
                                skipped: number;
                                cancelled: number;
                                skippedBecause: {
                                    [key: string]: number;
                                };
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not your team’s */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Not possible in its state (for example resuming a running one) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume: whoever is still waiting gets a new slot from now
         * @description Roles: in_work_team, admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            type: "check_in" | "pulse";
                            instrumentId: string | null;
                            team: string | null;
                            /** @enum {string} */
                            status: "scheduled" | "running" | "paused" | "cancelled" | "completed";
                            /** Format: date-time */
                            startAt: string;
                            ratePerMinute: number;
                            /** Format: date-time */
                            createdAt: string;
                            audience: {
                                [key: string]: unknown;
                            };
                            /** @description pending + sent + skipped + cancelled = targeted; delivered, failed and responded are parts of sent */
                            counts: {
                                targeted: number;
                                pending: number;
                                sent: number;
                                delivered: number;
                                failed: number;
                                responded: number;
                                optedOut: number;
                                skipped: number;
                                cancelled: number;
                                skippedBecause: {
                                    [key: string]: number;
                                };
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not your team’s */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Not possible in its state (for example resuming a running one) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel: nobody still waiting gets it
         * @description Roles: in_work_team, admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The campaign now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            type: "check_in" | "pulse";
                            instrumentId: string | null;
                            team: string | null;
                            /** @enum {string} */
                            status: "scheduled" | "running" | "paused" | "cancelled" | "completed";
                            /** Format: date-time */
                            startAt: string;
                            ratePerMinute: number;
                            /** Format: date-time */
                            createdAt: string;
                            audience: {
                                [key: string]: unknown;
                            };
                            /** @description pending + sent + skipped + cancelled = targeted; delivered, failed and responded are parts of sent */
                            counts: {
                                targeted: number;
                                pending: number;
                                sent: number;
                                delivered: number;
                                failed: number;
                                responded: number;
                                optedOut: number;
                                skipped: number;
                                cancelled: number;
                                skippedBecause: {
                                    [key: string]: number;
                                };
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not your team’s */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Not possible in its state (for example resuming a running one) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{id}/responses.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everyone the campaign targeted, what happened, and their answers, as CSV
         * @description Roles: in_work_team, admin
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not your team’s */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your team's wording experiments (admin: all), newest first, with their results so far
         * @description Roles: key_worker, admin
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Experiments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            message: "reminder";
                            /** @enum {string} */
                            status: "active" | "stopped";
                            /** @description Whose participants it covers; null: everyone */
                            team: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            stoppedAt: string | null;
                            variants: {
                                variant: string;
                                /** @description People given this variant so far */
                                participants: number;
                                remindersSent: number;
                                /** @description Appointments reminded about under this variant */
                                appointments: number;
                                attended: number;
                                didNotAttend: number;
                                /** @description attended / (attended + didNotAttend) */
                                attendanceRate: {
                                    /** @description The share, 0 to 1; null with nothing to count yet */
                                    value: number | null;
                                    /** @description Lower end of the 95% Wilson score interval */
                                    low: number | null;
                                    /** @description Upper end of the 95% Wilson score interval */
                                    high: number | null;
                                };
                                /** @description Reminders the person texted back to within 24 hours */
                                responded: number;
                                /** @description responded / remindersSent */
                                responseRate: {
                                    /** @description The share, 0 to 1; null with nothing to count yet */
                                    value: number | null;
                                    /** @description Lower end of the 95% Wilson score interval */
                                    low: number | null;
                                    /** @description Upper end of the 95% Wilson score interval */
                                    high: number | null;
                                };
                            }[];
                            /** @description Present once both of the first two variants have attendance recorded */
                            comparison?: {
                                /** @constant */
                                measure: "attendanceRate";
                                between: [
                                    string,
                                    string
                                ];
                                /** @description Attendance rate of the first variant minus the second */
                                difference: number;
                                /** @description Lower end of the 95% interval (Newcombe's hybrid score) */
                                low: number;
                                /** @description Upper end of the 95% interval */
                                high: number;
                            };
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /**
         * Start a wording experiment for your team's participants (admin: everyone's)
         * @description Roles: key_worker, admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * @description The message whose wording is compared (only "reminder" for now)
                         * @enum {string}
                         */
                        message: "reminder";
                        /** @description Variant ids, e.g. ["personal", "standard"]; the report compares the first two */
                        variants: ("personal" | "standard")[];
                    };
                };
            };
            responses: {
                /** @description Started: each person gets a variant at random the next time the message goes to them */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            message: "reminder";
                            /** @enum {string} */
                            status: "active" | "stopped";
                            /** @description Whose participants it covers; null: everyone */
                            team: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            stoppedAt: string | null;
                            variants: {
                                variant: string;
                                /** @description People given this variant so far */
                                participants: number;
                                remindersSent: number;
                                /** @description Appointments reminded about under this variant */
                                appointments: number;
                                attended: number;
                                didNotAttend: number;
                                /** @description attended / (attended + didNotAttend) */
                                attendanceRate: {
                                    /** @description The share, 0 to 1; null with nothing to count yet */
                                    value: number | null;
                                    /** @description Lower end of the 95% Wilson score interval */
                                    low: number | null;
                                    /** @description Upper end of the 95% Wilson score interval */
                                    high: number | null;
                                };
                                /** @description Reminders the person texted back to within 24 hours */
                                responded: number;
                                /** @description responded / remindersSent */
                                responseRate: {
                                    /** @description The share, 0 to 1; null with nothing to count yet */
                                    value: number | null;
                                    /** @description Lower end of the 95% Wilson score interval */
                                    low: number | null;
                                    /** @description Upper end of the 95% Wilson score interval */
                                    high: number | null;
                                };
                            }[];
                            /** @description Present once both of the first two variants have attendance recorded */
                            comparison?: {
                                /** @constant */
                                measure: "attendanceRate";
                                between: [
                                    string,
                                    string
                                ];
                                /** @description Attendance rate of the first variant minus the second */
                                difference: number;
                                /** @description Lower end of the 95% interval (Newcombe's hybrid score) */
                                low: number;
                                /** @description Upper end of the 95% interval */
                                high: number;
                            };
                        };
                    };
                };
                /** @description Invalid (an unknown message or variant, fewer than two variants, a variant twice) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A key worker without a team (an experiment covers a team) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description An active experiment of this message already covers these participants */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/experiments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One experiment: per variant, people, reminders, attendance and response rates with 95% intervals
         * @description Roles: key_worker, admin
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The experiment and its results */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            message: "reminder";
                            /** @enum {string} */
                            status: "active" | "stopped";
                            /** @description Whose participants it covers; null: everyone */
                            team: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            stoppedAt: string | null;
                            variants: {
                                variant: string;
                                /** @description People given this variant so far */
                                participants: number;
                                remindersSent: number;
                                /** @description Appointments reminded about under this variant */
                                appointments: number;
                                attended: number;
                                didNotAttend: number;
                                /** @description attended / (attended + didNotAttend) */
                                attendanceRate: {
                                    /** @description The share, 0 to 1; null with nothing to count yet */
                                    value: number | null;
                                    /** @description Lower end of the 95% Wilson score interval */
                                    low: number | null;
                                    /** @description Upper end of the 95% Wilson score interval */
                                    high: number | null;
                                };
                                /** @description Reminders the person texted back to within 24 hours */
                                responded: number;
                                /** @description responded / remindersSent */
                                responseRate: {
                                    /** @description The share, 0 to 1; null with nothing to count yet */
                                    value: number | null;
                                    /** @description Lower end of the 95% Wilson score interval */
                                    low: number | null;
                                    /** @description Upper end of the 95% Wilson score interval */
                                    high: number | null;
                                };
                            }[];
                            /** @description Present once both of the first two variants have attendance recorded */
                            comparison?: {
                                /** @constant */
                                measure: "attendanceRate";
                                between: [
                                    string,
                                    string
                                ];
                                /** @description Attendance rate of the first variant minus the second */
                                difference: number;
                                /** @description Lower end of the 95% interval (Newcombe's hybrid score) */
                                low: number;
                                /** @description Upper end of the 95% interval */
                                high: number;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not your team’s */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/experiments/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop: later messages use the usual wording; the results so far stay
         * @description Roles: key_worker, admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Stopped */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            message: "reminder";
                            /** @enum {string} */
                            status: "active" | "stopped";
                            /** @description Whose participants it covers; null: everyone */
                            team: string | null;
                            createdBy: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            stoppedAt: string | null;
                            variants: {
                                variant: string;
                                /** @description People given this variant so far */
                                participants: number;
                                remindersSent: number;
                                /** @description Appointments reminded about under this variant */
                                appointments: number;
                                attended: number;
                                didNotAttend: number;
                                /** @description attended / (attended + didNotAttend) */
                                attendanceRate: {
                                    /** @description The share, 0 to 1; null with nothing to count yet */
                                    value: number | null;
                                    /** @description Lower end of the 95% Wilson score interval */
                                    low: number | null;
                                    /** @description Upper end of the 95% Wilson score interval */
                                    high: number | null;
                                };
                                /** @description Reminders the person texted back to within 24 hours */
                                responded: number;
                                /** @description responded / remindersSent */
                                responseRate: {
                                    /** @description The share, 0 to 1; null with nothing to count yet */
                                    value: number | null;
                                    /** @description Lower end of the 95% Wilson score interval */
                                    low: number | null;
                                    /** @description Upper end of the 95% Wilson score interval */
                                    high: number | null;
                                };
                            }[];
                            /** @description Present once both of the first two variants have attendance recorded */
                            comparison?: {
                                /** @constant */
                                measure: "attendanceRate";
                                between: [
                                    string,
                                    string
                                ];
                                /** @description Attendance rate of the first variant minus the second */
                                difference: number;
                                /** @description Lower end of the 95% interval (Newcombe's hybrid score) */
                                low: number;
                                /** @description Upper end of the 95% interval */
                                high: number;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not your team’s */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Already stopped */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reminder-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's team reminder policy (the defaults until a team sets its own) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The policy */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaultOffsets: string[];
                            quietHours: {
                                start: string;
                                end: string;
                            } | null;
                            skipBankHolidays: boolean;
                            /**
                             * @description Whose bank holidays count, for skipped sends and key workers' days off: where the team's participants live (default england-and-wales)
                             * @enum {string}
                             */
                            region?: "england-and-wales" | "scotland" | "northern-ireland";
                            dnaAlertThreshold: number;
                            dnaWindowDays?: number;
                            dnaFollowUpDays?: number[];
                            welcomeRetryDays?: number;
                            referralStallDays?: number;
                            checkInWeeks?: number[];
                            sustainmentWeeks?: number[];
                            checkInTime?: string;
                            /** @description When key workers are at work (default Mon–Fri 09:00–17:00, not on bank holidays); out of hours a crisis reply says when they are back */
                            workingHours?: {
                                days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                start: string;
                                end: string;
                                onBankHolidays: boolean;
                            };
                            /** @description The team's phone number (any UK number; answered as E.164): a call-ahead text gives it when the member of staff ringing has no work phone */
                            phone?: string | null;
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Set the caller's team reminder policy */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        defaultOffsets: string[];
                        quietHours: {
                            start: string;
                            end: string;
                        } | null;
                        skipBankHolidays: boolean;
                        /**
                         * @description Whose bank holidays count, for skipped sends and key workers' days off: where the team's participants live (default england-and-wales)
                         * @enum {string}
                         */
                        region?: "england-and-wales" | "scotland" | "northern-ireland";
                        dnaAlertThreshold: number;
                        dnaWindowDays?: number;
                        dnaFollowUpDays?: number[];
                        welcomeRetryDays?: number;
                        referralStallDays?: number;
                        checkInWeeks?: number[];
                        sustainmentWeeks?: number[];
                        checkInTime?: string;
                        /** @description When key workers are at work (default Mon–Fri 09:00–17:00, not on bank holidays); out of hours a crisis reply says when they are back */
                        workingHours?: {
                            days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                            start: string;
                            end: string;
                            onBankHolidays: boolean;
                        };
                        /** @description The team's phone number (any UK number; answered as E.164): a call-ahead text gives it when the member of staff ringing has no work phone */
                        phone?: string | null;
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            defaultOffsets: string[];
                            quietHours: {
                                start: string;
                                end: string;
                            } | null;
                            skipBankHolidays: boolean;
                            /**
                             * @description Whose bank holidays count, for skipped sends and key workers' days off: where the team's participants live (default england-and-wales)
                             * @enum {string}
                             */
                            region?: "england-and-wales" | "scotland" | "northern-ireland";
                            dnaAlertThreshold: number;
                            dnaWindowDays?: number;
                            dnaFollowUpDays?: number[];
                            welcomeRetryDays?: number;
                            referralStallDays?: number;
                            checkInWeeks?: number[];
                            sustainmentWeeks?: number[];
                            checkInTime?: string;
                            /** @description When key workers are at work (default Mon–Fri 09:00–17:00, not on bank holidays); out of hours a crisis reply says when they are back */
                            workingHours?: {
                                days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                start: string;
                                end: string;
                                onBankHolidays: boolean;
                            };
                            /** @description The team's phone number (any UK number; answered as E.164): a call-ahead text gives it when the member of staff ringing has no work phone */
                            phone?: string | null;
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/safeguarding-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's team safeguarding escalation (admin: any team's with ?team=); the defaults until a team sets its own */
        get: {
            parameters: {
                query?: {
                    team?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The policy */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            team: string | null;
                            escalateAfterMinutes: number;
                            contacts: {
                                name: string;
                                /** @description E.164 */
                                phone: string;
                            }[];
                            /** @description null: the team has not set its own, and these are the defaults */
                            updatedAt: string | null;
                            updatedBy: string | null;
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Another team's (admins only) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        /** Set the caller's team safeguarding escalation (admin: any team's with ?team=): the minutes an urgent alert may wait, and the contacts texted after that */
        put: {
            parameters: {
                query?: {
                    team?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Minutes an urgent safeguarding alert may wait for an acknowledgement before the contacts are texted
                         * @default 15
                         */
                        escalateAfterMinutes?: number;
                        /** @description Each is texted once for every alert that escalates */
                        contacts: {
                            name: string;
                            /** @description A UK mobile number; stored as E.164 */
                            phone: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            team: string | null;
                            escalateAfterMinutes: number;
                            contacts: {
                                name: string;
                                /** @description E.164 */
                                phone: string;
                            }[];
                            /** @description null: the team has not set its own, and these are the defaults */
                            updatedAt: string | null;
                            updatedBy: string | null;
                        };
                    };
                };
                /** @description Invalid, with the failing fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Another team's (admins only) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Attended, did not attend, reasons by category and not reached, per participant in your caseload */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date */
                            from: string;
                            /** Format: date */
                            to: string;
                            totals: {
                                attended: number;
                                didNotAttend: number;
                                notReached: number;
                                reasons: {
                                    ill_health: number;
                                    caring: number;
                                    transport_cost: number;
                                    forgot: number;
                                    work_interview: number;
                                    other: number;
                                };
                            };
                            participants: {
                                /** Format: uuid */
                                participantId: string;
                                firstName: string;
                                attended: number;
                                didNotAttend: number;
                                notReached: number;
                                reasons: {
                                    ill_health: number;
                                    caring: number;
                                    transport_cost: number;
                                    forgot: number;
                                    work_interview: number;
                                    other: number;
                                };
                            }[];
                        };
                    };
                };
                /** @description Invalid range */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/attendance.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same attendance report as a CSV download */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid range */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exports/case-record.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case record of your caseload (admin: a team or everyone) for a date range: one row per event, oldest first */
        get: {
            parameters: {
                query: {
                    from: string;
                    to: string;
                    team?: string;
                    bom?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description event_id, participant_id, external_ref, first_name, last_name, key_worker, event_type, at (ISO 8601 with offset), appointment_id, summary, data (JSON) as CSV (a download; formula-safe: a cell starting = + - @ gets a leading apostrophe) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description A date is not YYYY-MM-DD, from is after to, or the range is longer than a year (the field is named) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A team not your own */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exports/outcomes.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The outcomes report of your caseload (admin: a team or everyone) for a date range: one row per participant */
        get: {
            parameters: {
                query: {
                    from: string;
                    to: string;
                    team?: string;
                    bom?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Per participant: attendance, did-not-attend reasons by category, check-in answers, first and latest confidence scores, job starts, and in work at 4, 13 and 26 weeks as CSV (a download; formula-safe: a cell starting = + - @ gets a leading apostrophe) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description A date is not YYYY-MM-DD, from is after to, or the range is longer than a year (the field is named) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A team not your own */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts in the caller's caseload, urgent first */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "acknowledged";
                    participantId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Alerts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            /** @enum {string} */
                            type: "safeguarding" | "dna_threshold" | "confidence_drop" | "at_risk" | "undeliverable" | "cancel_requested" | "rearrange_requested" | "not_reached" | "left_job" | "loop_detected" | "wrong_number" | "referral_stalled" | "message_for_key_worker";
                            /** @enum {string} */
                            priority: "urgent" | "high" | "normal";
                            /** @enum {string} */
                            status: "open" | "acknowledged";
                            /** Format: date-time */
                            createdAt: string;
                            data: {
                                [key: string]: unknown;
                            };
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            note: string | null;
                            /** @description When the team's safeguarding contacts are texted if nobody acknowledges it (urgent safeguarding alerts) */
                            escalateAt: string | null;
                            /** @description When it was escalated: nobody had acknowledged it in time */
                            escalatedAt: string | null;
                            /** @description How many safeguarding contacts were texted (0: the team has none set) */
                            escalationContacts: number | null;
                        }[];
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an alert, with an optional note */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Acknowledged */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            participantId: string;
                            /** @enum {string} */
                            type: "safeguarding" | "dna_threshold" | "confidence_drop" | "at_risk" | "undeliverable" | "cancel_requested" | "rearrange_requested" | "not_reached" | "left_job" | "loop_detected" | "wrong_number" | "referral_stalled" | "message_for_key_worker";
                            /** @enum {string} */
                            priority: "urgent" | "high" | "normal";
                            /** @enum {string} */
                            status: "open" | "acknowledged";
                            /** Format: date-time */
                            createdAt: string;
                            data: {
                                [key: string]: unknown;
                            };
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            note: string | null;
                            /** @description When the team's safeguarding contacts are texted if nobody acknowledges it (urgent safeguarding alerts) */
                            escalateAt: string | null;
                            /** @description When it was escalated: nobody had acknowledged it in time */
                            escalatedAt: string | null;
                            /** @description How many safeguarding contacts were texted (0: the team has none set) */
                            escalationContacts: number | null;
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Already acknowledged */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sandbox/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What would have been sent (sandbox mode only), newest first */
        get: {
            parameters: {
                query?: {
                    participantId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            participantId: string | null;
                            /** @enum {string} */
                            channel: "sms" | "whatsapp";
                            to: string | null;
                            body: string | null;
                            kind: string;
                            status: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sandbox/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Play a participant's text through the same path as /twilio/inbound (sandbox mode only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description E.164, UK national, or whatsapp:+44… */
                        from: string;
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Stored; the turn runs on the queue */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            messageSid: string;
                            /** Format: uuid */
                            messageId: string;
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No participant in your caseload has that number */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who read or changed which record, newest first
         * @description Roles: admin
         */
        get: {
            parameters: {
                query?: {
                    staffId?: string;
                    subjectId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            at: string;
                            /** Format: uuid */
                            staffId: string;
                            method: string;
                            route: string;
                            subjectId: string | null;
                            status: number;
                            /** @description The caller's address (behind a load balancer: as TRUST_PROXY decides it) */
                            clientAddress: string | null;
                            /** @description The X-Request-Id of the call, as in the logs */
                            requestId: string | null;
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/case-record-sink": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The CRM sink (without its secret) and how much is waiting
         * @description Roles: admin
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The sink */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                            eventTypes: string[] | null;
                            enabled: boolean;
                            /** @constant */
                            secretConfigured: true;
                            /** Format: date-time */
                            updatedAt: string;
                            backlog: {
                                pending: number;
                                parked: number;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not set up */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        /**
         * Set where case-record events are delivered (the programme's CRM) and how they are signed
         * @description Roles: admin
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Where each event is POSTed */
                        url: string;
                        /** @description HMAC-SHA256 key for X-Signature; required the first time, left out to keep the one stored; never shown again */
                        secret?: string;
                        /** @description Only these types (participant.erased is always sent); left out: every type */
                        eventTypes?: ("message.inbound" | "message.outbound" | "message.status" | "reminder.sent" | "appointment.created" | "appointment.rescheduled" | "appointment.cancelled" | "appointment.confirmed" | "appointment.cancel_requested" | "appointment.rearrange_requested" | "appointment.attended" | "appointment.did_not_attend" | "dna.reason" | "checkin.response" | "pulse.response" | "consent.opted_out" | "consent.opted_in" | "alert.raised" | "alert.acknowledged" | "alert.escalated" | "contact.welcome_sent" | "contact.confirmed" | "contact.wrong_number" | "contact.not_reached" | "contact.call_ahead" | "participant.handover" | "participant.created" | "participant.updated" | "participant.erased" | "job.started" | "job.left")[];
                        /** @description false pauses delivery: events still queue up for the sink and go, in order, once enabled */
                        enabled: boolean;
                    };
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                            eventTypes: string[] | null;
                            enabled: boolean;
                            /** @constant */
                            secretConfigured: true;
                            /** Format: date-time */
                            updatedAt: string;
                            backlog: {
                                pending: number;
                                parked: number;
                            };
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/case-record-sink/failures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Dead letters: deliveries the CRM did not accept for 24 hours, oldest first
         * @description Roles: admin
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Parked deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failures: {
                                eventId: string;
                                /** Format: uuid */
                                participantId: string;
                                type: string;
                                /** Format: date-time */
                                at: string;
                                attempts: number;
                                firstFailedAt: string | null;
                                /** Format: date-time */
                                parkedAt: string;
                                /** @description The HTTP status of the last try; null when there was no answer */
                                lastStatus: number | null;
                                lastError: string | null;
                                /** @description This person's later events, held back so they are not delivered out of order */
                                waitingBehind: number;
                            }[];
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/case-record-sink/failures/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Try parked deliveries again (with another 24 hours of retries), and the events held back behind them
         * @description Roles: admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Parked events to try again; left out: every parked event */
                        eventIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Replayed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            replayed: number;
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Dead letters: texts whose turn kept failing and messages that could not be sent, newest first
         * @description Roles: admin
         */
        get: {
            parameters: {
                query?: {
                    kind?: "turn" | "send";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of dead letters */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deadLetters: {
                                /**
                                 * Format: uuid
                                 * @description The message
                                 */
                                id: string;
                                /** @enum {string} */
                                kind: "turn" | "send";
                                /** @description null for a text to a member of staff (a safeguarding escalation) */
                                participantId: string | null;
                                recipient: string;
                                channel: string;
                                /** @description What a send was for (reminder, reply, welcome…) */
                                messageKind: string;
                                /** @enum {string} */
                                status: "failed" | "unconfirmed";
                                attempts: number;
                                /** @description Twilio's error code of the last try, if it gave one */
                                errorCode: number | null;
                                /** @description Why the last try failed, without phone numbers */
                                error: string | null;
                                /** @description Twilio's MessageSid: of the text, for a turn */
                                twilioSid: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                deadSince: string;
                                replayable: boolean;
                                notReplayableBecause: string | null;
                            }[];
                            next: string | null;
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dead-letters/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put dead letters back on the normal path: a turn runs again, a send gets a fresh set of tries (each at most once)
         * @description Roles: admin
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Dead letters (message ids) to put back on the normal path */
                        ids: string[];
                    };
                };
            };
            responses: {
                /** @description What happened to each */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            replayed: number;
                            results: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                outcome: "replayed" | "skipped";
                                /** @enum {string} */
                                kind?: "turn" | "send";
                                /** @description Why it was not replayed (already answered or sent, not a dead letter, …) */
                                reason?: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every case-record event in commit order, resumable: pass the answer’s next as after
         * @description Roles: admin
         */
        get: {
            parameters: {
                query?: {
                    after?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page (empty when nothing is new; next is then the cursor given) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                id: string;
                                type: string;
                                /** Format: date-time */
                                at: string;
                                /** Format: uuid */
                                participantId: string;
                                /** Format: uuid */
                                appointmentId?: string;
                                data: {
                                    [key: string]: unknown;
                                };
                            }[];
                            next: string;
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/caseload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's caseload with next appointment, last reply, open alerts and opt-out state; searchable */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    show?: "all" | "alerts" | "opted_out" | "in_work" | "no_appointment";
                    sort?: "attention" | "name" | "next_appointment";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One entry a participant */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            firstName: string;
                            lastName: string | null;
                            /** @description The programme CRM's own id for this person */
                            externalRef: string | null;
                            phone: string;
                            /** @enum {string} */
                            channel: "sms" | "whatsapp";
                            team: string | null;
                            keyWorkerId: string | null;
                            keyWorkerName: string | null;
                            optedOut: boolean;
                            wrongNumber: boolean;
                            inWorkSince: string | null;
                            nextAppointment: {
                                /** Format: uuid */
                                id: string;
                                title: string;
                                /** Format: date-time */
                                startsAt: string;
                                location: string | null;
                                mandatory: boolean;
                            } | null;
                            lastReply: {
                                /** Format: date-time */
                                at: string;
                                body: string | null;
                            } | null;
                            openAlerts: number;
                            urgentAlerts: number;
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/participants/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The conversation, in and out, with delivery status, oldest first (the last 500) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            direction: "inbound" | "outbound";
                            /** @enum {string} */
                            channel: "sms" | "whatsapp";
                            /** @description null once erased or past retention */
                            body: string | null;
                            kind: string;
                            /** @description inbound: received, processed; outbound: queued, sending, sent, delivered, read, failed, undelivered, suppressed… */
                            status: string;
                            errorCode: number | null;
                            /** Format: date-time */
                            at: string;
                        }[];
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not in your caseload */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in to the dashboard (by the session cookie) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staff: {
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "key_worker" | "in_work_team" | "team_lead" | "safeguarding_lead" | "admin";
                                team: string | null;
                            };
                            csrfToken: string;
                            csrfHeader: string;
                            expiresAt: string;
                            programmeName: string;
                            sandbox: boolean;
                            timeZone: string;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Dashboard sign-in with a staff token: sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Signed in */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            staff: {
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "key_worker" | "in_work_team" | "team_lead" | "safeguarding_lead" | "admin";
                                team: string | null;
                            };
                            csrfToken: string;
                            csrfHeader: string;
                            expiresAt: string;
                            programmeName: string;
                            sandbox: boolean;
                            timeZone: string;
                        };
                    };
                };
                /** @description Invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Token not recognised */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        /** Signs out: the session ends (needs the session's CSRF header) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description CSRF header missing or wrong */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: {
                                    fields?: {
                                        path: string;
                                        message: string;
                                    }[];
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @description The X-Request-Id this answer carries: quote it when asking about the error, it is on every log line of the request */
                                requestId?: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sign-in-methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How staff can sign in to the dashboard: a staff token always; an organisation account when OIDC_ISSUER is set */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The sign-in methods */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @constant */
                            token: true;
                            organisation: boolean;
                            organisationStartUrl: string | null;
                        };
                    };
                };
                /** @description No or bad token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
