//! Words the text readers look for, in English and French: months, weekdays, section headings,
//! milestone phrases, stated-duration labels, kind markers and region codes. Kept apart as data
//! so that the rules in `import::text` read as rules, and the vocabulary grows without touching
//! them.
//!
//! Phrases are lowercase and matched on word boundaries ([`find_phrase`]); a phrase ending in
//! `*` matches any word that starts with it (`détect*` finds "détecté" and "détectée").

use super::model::Milestone;

/// Month number for an English or French month name or common abbreviation (lowercase input).
pub fn month(word: &str) -> Option<u32> {
    let m = match word.trim_end_matches('.') {
        "january" | "jan" | "janvier" | "janv" => 1,
        "february" | "feb" | "février" | "fevrier" | "févr" | "fevr" | "fév" | "fev" => 2,
        "march" | "mar" | "mars" => 3,
        "april" | "apr" | "avril" | "avr" => 4,
        "may" | "mai" => 5,
        "june" | "jun" | "juin" => 6,
        "july" | "jul" | "juillet" | "juil" => 7,
        "august" | "aug" | "août" | "aout" => 8,
        "september" | "sep" | "sept" | "septembre" => 9,
        "october" | "oct" | "octobre" => 10,
        "november" | "nov" | "novembre" => 11,
        "december" | "dec" | "décembre" | "decembre" | "déc" => 12,
        _ => return None,
    };
    Some(m)
}

/// Whether a month word is French (French month names are written in lowercase, so they are
/// taken without a capital, unlike "may" or "march").
pub fn is_french_month(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "janvier"
            | "janv"
            | "février"
            | "fevrier"
            | "févr"
            | "fevr"
            | "fév"
            | "fev"
            | "mars"
            | "avril"
            | "avr"
            | "mai"
            | "juin"
            | "juillet"
            | "juil"
            | "août"
            | "aout"
            | "septembre"
            | "octobre"
            | "novembre"
            | "décembre"
            | "decembre"
            | "déc"
    )
}

/// Weekday (0 = Monday) for an English or French weekday name or abbreviation (lowercase input).
pub fn weekday(word: &str) -> Option<u32> {
    let d = match word.trim_end_matches('.') {
        "monday" | "mon" | "lundi" => 0,
        "tuesday" | "tue" | "tues" | "mardi" => 1,
        "wednesday" | "wed" | "mercredi" => 2,
        "thursday" | "thu" | "thur" | "thurs" | "jeudi" => 3,
        "friday" | "fri" | "vendredi" => 4,
        "saturday" | "sat" | "samedi" => 5,
        "sunday" | "sun" | "dimanche" => 6,
        _ => return None,
    };
    Some(d)
}

/// What a section of a postmortem is about, from its heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Timed events, one per line or sentence.
    Timeline,
    /// Key events: `First detected …`, `Resolved …` lines.
    KeyEvents,
    /// Action items, follow-ups.
    Actions,
    /// Who and what was affected.
    Impact,
    /// Figures: severity, time to detect, time to resolve.
    Metrics,
    /// Anything else (context, causes, lessons).
    Other,
}

/// Heading words per section role (lowercase; a heading matches when it equals one or starts
/// with one followed by a space or punctuation).
pub const HEADINGS: &[(Role, &[&str])] = &[
    (
        Role::Timeline,
        &[
            "timeline",
            "timeline of events",
            "incident timeline",
            "detailed timeline",
            "chronologie",
            "chronologie détaillée",
            "faits et timeline",
            "time line",
            "déroulé",
            "deroule",
            "déroulement",
            "sequence of events",
            "events",
            "historique",
        ],
    ),
    (
        Role::KeyEvents,
        &["key events", "key times", "dates clés", "key dates"],
    ),
    (
        Role::Actions,
        &[
            "contre-mesures",
            "contre mesures",
            "actions à prendre",
            "actions a prendre",
            "actions possibles",
            "what steps have we taken",
            "what further steps",
            "travaux restants",
            "action items",
            "actions",
            "next steps",
            "follow-up",
            "follow-ups",
            "follow up",
            "remediation",
            "corrective actions",
            "corrective and preventative measures",
            "preventive measures",
            "lessons learned and actions",
            "plan d'action",
            "plan d’action",
        ],
    ),
    (
        Role::Impact,
        &[
            "impact",
            "impacts",
            "customer impact",
            "impact client",
            "user impact",
        ],
    ),
    (
        Role::Metrics,
        &[
            "quelques métriques",
            "métriques",
            "metrics",
            "key metrics",
            "délais de prise en charge",
        ],
    ),
    (
        Role::Other,
        &[
            "conclusion",
            "communication",
            "les causes",
            "causes",
            "cause",
            "root cause",
            "root causes",
            "contexte",
            "context",
            "summary",
            "issue summary",
            "résumé",
            "analyse",
            "analysis",
            "enseignements",
            "lessons learned",
            "we are sorry",
            "détection",
            "detection",
            "résolution",
            "resolution",
            "resolution and recovery",
            "problèmes",
            "date",
        ],
    ),
];

/// How strongly a phrase marks its milestone: an explicit statement ("Incident resolved")
/// beats a restoration in passing ("back to normal"), which beats a trigger ("we deployed").
pub type Strength = u8;

/// A phrase that marks a milestone only as its trigger (a deploy that caused the incident).
pub const TRIGGER: Strength = 1;
/// A phrase that marks the milestone in passing.
pub const PLAIN: Strength = 2;
/// A phrase that states the milestone itself.
pub const EXPLICIT: Strength = 3;

/// Milestone phrases with their strength. A line may mark several milestones ("first errors,
/// caught by monitoring" is both the start and the detection).
pub const MILESTONE_PHRASES: &[(Milestone, Strength, &[&str])] = &[
    (
        Milestone::Resolved,
        EXPLICIT,
        &[
            "resolved",
            "incident closed",
            "closed the incident",
            "close the incident",
            "closes the incident",
            "incident is closed",
            "all clear",
            "incident ended",
            "end of incident",
            "end of the incident",
            "outage ended",
            "outage is over",
            "outage was over",
            "résolu*",
            "incident clos",
            "clôture de l'incident",
            "clôture de l’incident",
            "fin de l'incident",
            "fin de l’incident",
            "fin d'incident",
            "fin d’incident",
            "fin de la panne",
            "incident terminé",
        ],
    ),
    (
        Milestone::Resolved,
        PLAIN,
        &[
            "fully restored",
            "all services restored",
            "services verified to be restored",
            "service restored",
            "services restored",
            "restored",
            "back to normal",
            "returned to normal",
            "returns to normal",
            "back online",
            "back up and running",
            "up and running again",
            "operational again",
            "fully operational",
            "operating normally",
            "operating properly",
            "operated normally",
            "working again",
            "works again",
            "functioning again",
            "functional again",
            "back to a functional",
            "running normally",
            "normal operation",
            "normal service",
            "recovered",
            "fully recovered",
            "recovery complete",
            "rétabli*",
            "retabli*",
            "retour à la normale",
            "retour a la normale",
            "remis en service",
            "remise en service",
            "de nouveau accessible",
            "de nouveau disponible",
            "de nouveau fonctionnel*",
            "accessible à nouveau",
            "à nouveau accessible",
            "disponible à nouveau",
            "fonctionne à nouveau",
            "fonctionne de nouveau",
            "retour en ligne",
            "rentrent dans l'ordre",
            "rentre dans l'ordre",
            "rentrent dans l’ordre",
            "rentre dans l’ordre",
            "correctly again",
            "back under",
            "back below",
            "back within",
            "came back",
            "come back",
            "came back online",
            "service returned",
            "returned for all",
            "de retour",
            "normally again",
            "as expected again",
            "available again",
            "accessible again",
            "online again",
            "running again",
            "processing again",
            "created again",
            "flowing again",
            "marks the issue as solved",
            "issue is solved",
            "problem is solved",
            "issue is fixed",
            "problem is fixed",
            "issue was fixed",
            "problem was fixed",
            "issue has been fixed",
            "problem has been fixed",
            "incident is over",
        ],
    ),
    (
        Milestone::Mitigated,
        PLAIN,
        &[
            "mitigated",
            "mitigation",
            "workaround",
            "rolled back",
            "rollback complete*",
            "rollback done",
            "rollback finished",
            "reverted",
            "fix deployed",
            "fix applied",
            "fix was deployed",
            "deployed a fix",
            "deployed the fix",
            "fix released",
            "fix was released",
            "release was published",
            "released a fix",
            "patch released",
            "patch was released",
            "hotfix released",
            "déploiement d'un fix",
            "déploiement d'un correctif",
            "déploiement du correctif",
            "quarantin*",
            "revert*",
            "revok*",
            "token was rotated",
            "tokens were rotated",
            "credentials were rotated",
            "rotated the token*",
            "rotated the credential*",
            "destroyed",
            "disabled",
            "disables",
            "removed",
            "removal of",
            "taken down",
            "hotfix",
            "hot fix",
            "repaired",
            "partially restored",
            "capacity restored",
            "desired capacity",
            "capacity again",
            "rebranch*",
            "retour arrière",
            "retour en arrière",
            "revenons en arrière",
            "revenu en arrière",
            "annulation",
            "contournement",
            "correctif",
            "mitigé*",
            "atténu*",
        ],
    ),
    (
        Milestone::Acknowledged,
        PLAIN,
        &[
            "incident declared",
            "declared an incident",
            "declared",
            "acknowledged",
            "acknowledges",
            "on-call engaged",
            "engaged",
            "investigating",
            "investigation",
            "troubleshoot*",
            "war room",
            "warroom",
            "dispatched",
            "responded",
            "responds",
            "respond",
            "identified",
            "prise en charge",
            "pris en charge",
            "prend en charge",
            "prenons en charge",
            "incident ouvert",
            "ouverture de l'incident",
            "ouverture de l’incident",
            "escalat*",
        ],
    ),
    (
        Milestone::Detected,
        PLAIN,
        &[
            "first detected",
            "fault detected",
            "detected",
            "first alert",
            "alert",
            "alerts",
            "alerted",
            "alarm",
            "alarms",
            "paged",
            "pager",
            "pagerduty",
            "reported",
            "reports",
            "noticed",
            "notified",
            "flagged",
            "aware",
            "became aware",
            "prévenu*",
            "nous a alerté*",
            "spotted",
            "discovered",
            "monitoring fired",
            "inbound report",
            "first email",
            "first e-mail",
            "first message",
            "first ticket",
            "first customer report",
            "premier mail",
            "premier e-mail",
            "premier message",
            "premier ticket",
            "premier signalement",
            "plusieurs emails",
            "plusieurs mails",
            "plusieurs messages",
            "plusieurs retours",
            "plusieurs signalements",
            "several emails",
            "several reports",
            "users reported",
            "customers reported",
            "users report",
            "customers report",
            "détect*",
            "detect*",
            "alerte*",
            "signal*",
            "remonté*",
            "remonte*",
            "constat*",
        ],
    ),
    (
        Milestone::Started,
        PLAIN,
        &[
            "started",
            "starts",
            "began",
            "begins",
            "start of the incident",
            "start of incident",
            "incident start",
            "impact start*",
            "outage start*",
            "went down",
            "goes down",
            "is down",
            "was down",
            "hard down",
            "became unavailable",
            "became unresponsive",
            "unavailable",
            "unreachable",
            "stopped working",
            "stopped responding",
            "first errors",
            "first error",
            "errors began",
            "errors started",
            "fault occurs",
            "fault occurred",
            "stalled",
            "crashed",
            "halted",
            "are destroyed",
            "were destroyed",
            "was destroyed",
            "been destroyed",
            "stopped answering",
            "stopped serving",
            "stopped accepting",
            "stopped processing",
            "stopped creating",
            "stopped producing",
            "stopped sending",
            "stopped receiving",
            "stopped loading",
            "stopped syncing",
            "stopped being",
            "lost service",
            "lost internet",
            "lost access",
            "lost connectivity",
            "lost connection",
            "lost power",
            "lost voice",
            "went dark",
            "went offline",
            "début*",
            "debut*",
            "commencé*",
            "commence",
            "apparu*",
            "premières erreurs",
            "première vague",
            "premiers ralentissements",
            "indisponible",
            "inaccessible",
            "n'est plus accessible",
            "n’est plus accessible",
            "tombé*",
            "en panne",
            "coupure*",
            "plantage*",
        ],
    ),
    (
        Milestone::Started,
        TRIGGER,
        &[
            "we deployed",
            "deployed",
            "deploy",
            "deployment",
            "déploiement",
            "deploiement",
            "déployé*",
            "mise en production",
            "mise en prod",
            "mep",
            "livraison",
            "change was",
            "was rolled out",
            "rolled out",
        ],
    ),
];

/// Words after a phrase that say it happened only in hindsight.
pub const HINDSIGHT: &[&str] = &[
    "a posteriori",
    "après coup",
    "afterwards",
    "after the fact",
    "in hindsight",
    "in retrospect",
    "rétrospectivement",
    "later on",
];

/// Words that say something broke, in a timeline's opening event.
pub const FAILURE_WORDS: &[&str] = &[
    "fail*",
    "error*",
    "unable",
    "no longer",
    "cannot",
    "can't",
    "could not",
    "couldn't",
    "broke*",
    "down",
    "outage",
    "unavailable",
    "unreachable",
    "erreur*",
    "échec*",
    "échou*",
    "indisponib*",
    "impossible",
    "panne",
    "coupure*",
];

/// Verbs that name a start only when what follows is not a response: "errors began" is the
/// start, "began investigating" is the response.
pub const GENERIC_START: &[&str] = &[
    "started",
    "starts",
    "began",
    "begins",
    "begin",
    "start",
    "commence",
    "commencé*",
    "débute*",
    "début*",
    "debut*",
];

/// Words after a generic start verb that make it the response's start, not the incident's.
pub const RESPONSE_WORDS: &[&str] = &[
    "investigat*",
    "troubleshoot*",
    "look*",
    "debug*",
    "work*",
    "analy*",
    "diagnos*",
    "discuss*",
    "digging",
    "rollback",
    "roll",
    "revert*",
    "restor*",
    "recover*",
    "mitigat*",
    "fix*",
    "plann*",
    "conversation*",
    "search*",
    "combing",
    "corrective",
    "l'analyse",
    "l'investigation",
    "essai",
    "tentative",
    "d'essai",
    "d'action",
    "action*",
    "à",
];

/// Words that cancel a milestone phrase when they come just before it ("not resolved",
/// "partially restored", "begins to recover", "pas encore rétabli").
pub const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "yet",
    "partially",
    "partly",
    "begins to",
    "began to",
    "beginning to",
    "starting to",
    "start to",
    "to be",
    "pas",
    "partiellement",
    "en cours de",
    "sans",
    "if we had",
    "had we",
    "would have",
    "could have",
    "should have",
    "tried to",
    "try to",
    "trying to",
    "attempted to",
    "attempt to",
    "attempting to",
    "failed to",
    "essayer de",
    "tentative de",
    "tenté de",
    "essai de",
    "decided to",
    "decide to",
    "decides to",
    "plan to",
    "plans to",
    "planned to",
    "will",
    "décidé de",
    "décide de",
];

/// Labels of stated durations, per metric key (`ttd`, `tta`, `ttm`, `ttr`). The duration must
/// follow the label closely ("Time to resolve: 95 min", "durée : 4h50").
pub const STATED_LABELS: &[(&str, &[&str])] = &[
    (
        "ttd",
        &[
            "temps de détection",
            "temps de detection",
            "délai de détection",
            "time to detect",
            "time to detection",
            "time-to-detect",
            "ttd",
            "mttd",
            "détecté en",
            "detected within",
            "detected in",
        ],
    ),
    (
        "tta",
        &[
            "time to acknowledge",
            "time to acknowledgement",
            "tta",
            "mtta",
            "temps de prise en charge",
            "délai de prise en charge",
            "time to respond",
            "time to response",
        ],
    ),
    (
        "ttm",
        &[
            "time to mitigate",
            "time to mitigation",
            "time to repair",
            "ttm",
            "temps de mitigation",
            "temps de réparation",
        ],
    ),
    (
        "ttr",
        &[
            "temps de résolution",
            "temps de resolution",
            "temps de rétablissement",
            "délai de résolution",
            "délai de rétablissement",
            "time to resolve",
            "time to resolution",
            "time to recovery",
            "time to recover",
            "time to restore",
            "time to restoration",
            "time-to-resolve",
            "ttr",
            "mttr",
            "durée de l'incident",
            "durée de l’incident",
            "durée de la panne",
            "durée de l'interruption",
            "durée de l’interruption",
            "durée totale",
            "durée",
            "incident duration",
            "outage duration",
            "duration of the incident",
            "duration of the outage",
            "total duration",
            "total downtime",
            "downtime",
            "lasting",
            "lasted",
            "an outage of",
            "a downtime of",
            "une interruption de",
            "une indisponibilité de",
        ],
    ),
];

/// Kind markers in a title, headings, tags, folder names or a notice's opening lines.
pub const MAINTENANCE_STRONG: &[&str] = &[
    "maintenance",
    "maintenances",
    "scheduled",
    "planned",
    "planned outage",
    "planifié*",
    "programmé*",
    "travaux",
    "opération de maintenance",
    "intervention programmée",
    "intervention planifiée",
];
/// Planned work, when nothing in the title says it went wrong.
pub const MAINTENANCE_WEAK: &[&str] = &[
    "upgrade",
    "upgrades",
    "upgrading",
    "migration",
    "migrations",
    "migrating",
    "move",
    "moving",
    "cluster update",
    "system update",
    "cleanup",
    "clean-up",
    "clean up",
    "deployment",
    "mise à jour",
    "montée de version",
    "moved",
    "déménagement",
];
/// Phrases that announce planned work's effect, in the future ("will be down", "may result
/// in some jobs failing"): with a planned-work word they make a notice of maintenance.
pub const FUTURE_IMPACT: &[&str] = &[
    "will be down",
    "will be unavailable",
    "will be affected",
    "will be disrupted",
    "will be interrupted",
    "will be offline",
    "will be degraded",
    "will not be processed",
    "will be an outage",
    "should not impact",
    "not expect any",
    "no impact is expected",
    "may result in",
    "may be disrupted",
    "might be executed with a delay",
    "sera indisponible",
    "seront indisponibles",
    "sera interrompu",
    "ne sera pas disponible",
];
/// Planned work stated outright, whatever the title says ("Planned outage", "scheduled
/// downtime").
pub const PLANNED_PHRASES: &[&str] = &[
    "planned outage",
    "planned maintenance",
    "planned downtime",
    "scheduled outage",
    "scheduled maintenance",
    "scheduled downtime",
    "maintenance window",
    "is scheduled to start",
    "maintenance programmée",
    "maintenance planifiée",
    "intervention programmée",
    "intervention planifiée",
];
/// Words that make planned-looking work an incident after all.
pub const UNPLANNED: &[&str] = &[
    "unplanned",
    "unscheduled",
    "emergency",
    "imprévu*",
    "non planifié*",
    "non prévu*",
    "urgence",
];
/// Words in a title that say something went wrong.
pub const INCIDENT_WORDS: &[&str] = &[
    "outage",
    "outages",
    "incident",
    "incidents",
    "down",
    "downtime",
    "failure",
    "failures",
    "failing",
    "failed",
    "error",
    "errors",
    "broken",
    "not working",
    "unavailable",
    "degraded",
    "degradation",
    "issue",
    "issues",
    "problem",
    "problems",
    "slow",
    "slowness",
    "delay",
    "delays",
    "delayed",
    "disruption",
    "stall",
    "attack",
    "compromise",
    "compromised",
    "breach",
    "leak",
    "leaked",
    "phishing",
    "fraud*",
    "abuse",
    "panne",
    "incident de production",
    "indisponib*",
    "dysfonctionnement*",
    "erreur*",
    "ralentissement*",
    "bug",
    "ko",
];
/// Announcements without an outage.
pub const NOTICE_WORDS: &[&str] = &[
    "vacation",
    "vacations",
    "holiday",
    "holidays",
    "christmas",
    "new year",
    "out of office",
    "reduced support",
    "team will be unavailable",
    "most of the team",
    "team is on vacation",
    "on vacation",
    "public holiday",
    "bank holiday",
    "limited support",
    "reduced availability of the team",
    "team will be away",
    "congés",
    "vacances",
    "fermeture",
    "announcement",
    "annonce",
    "informational",
    "reminder",
];
/// Security advisories: a vulnerability reported and fixed, not an incident that happened.
pub const ADVISORY_WORDS: &[&str] = &[
    "researcher",
    "bug report",
    "bug bounty",
    "bugcrowd",
    "hackerone",
    "vulnerab*",
    "disclos*",
    "security advisory",
    "cve-*",
    "issue was discovered",
];
/// Words in an advisory that say it did happen after all.
pub const ADVISORY_INCIDENT_WORDS: &[&str] = &[
    "outage",
    "incident",
    "incidents",
    "compromise",
    "compromised",
    "phishing",
    "stall",
    "stalled",
    "downtime",
    "exploited in the wild",
    "was exploited",
    "were exploited",
    "users were affected",
    "customers were affected",
];
/// File names and headings of documents that are not incident reports at all.
pub const NOT_A_REPORT_NAMES: &[&str] = &[
    "readme",
    "index",
    "_index",
    "template",
    "_template",
    "contributing",
    "changelog",
    "license",
    "licence",
    "code_of_conduct",
];
/// Titles of notes and guides that are not incident reports.
pub const HOWTO_TITLES: &[&str] = &[
    "installation notes",
    "install notes",
    "setup notes",
    "installation guide",
    "setup guide",
    "getting started",
    "how to",
    "how-to",
    "tutorial",
    "notes d'installation",
    "notes d’installation",
    "guide d'installation",
    "guide d’installation",
    "mode opératoire",
    "procédure d'installation",
];

/// Headings of install notes and how-tos.
pub const HOWTO_HEADINGS: &[&str] = &[
    "installation",
    "install",
    "prerequisites",
    "requirements",
    "getting started",
    "usage",
    "configuration",
    "setup",
    "how to",
    "pré-requis",
    "prérequis",
    "utilisation",
];

/// Region codes (airport style) used by cloud providers in bulletins.
pub const REGION_CODES: &[&str] = &[
    "AMS", "ARN", "ATL", "BOG", "BOM", "BOS", "CDG", "DEN", "DFW", "EWR", "EZE", "FRA", "GDL",
    "GIG", "GRU", "HKG", "IAD", "JNB", "LAX", "LHR", "MAD", "MIA", "NRT", "ORD", "OTP", "PHX",
    "QRO", "SCL", "SEA", "SIN", "SJC", "SYD", "WAW", "YUL", "YYZ",
];

/// Phrases that say an incident had no customer impact (lowercase).
pub const NO_IMPACT: &[&str] = &[
    "no customer impact",
    "no impact",
    "not customer-visible",
    "weren’t customer-visible",
    "weren't customer-visible",
    "aucun impact",
    "sans impact",
];

/// Words that make a time approximate when they come just before it (lowercase).
pub const APPROXIMATE: &[&str] = &[
    "vers",
    "avant",
    "environ",
    "about",
    "around",
    "approximately",
    "approx",
    "roughly",
    "~",
    "circa",
];

/// Nouns that make a sentence with a number an impact statement (lowercase substrings).
pub const IMPACT_NOUNS: &[&str] = &[
    "mails",
    "e-mails",
    "emails",
    "messages",
    "users",
    "utilisateurs",
    "customers",
    "clients",
    "requests",
    "requêtes",
    "requetes",
    "orders",
    "commandes",
    "sites",
    "accounts",
    "comptes",
    "% du trafic",
    "% of traffic",
    "% of requests",
];

/// Status words of status-page updates, and the milestone each marks.
pub const STATUS_WORDS: &[(&str, Milestone, Strength)] = &[
    ("investigating", Milestone::Detected, PLAIN),
    ("identified", Milestone::Acknowledged, PLAIN),
    ("monitoring", Milestone::Mitigated, PLAIN),
    ("resolved", Milestone::Resolved, EXPLICIT),
    ("completed", Milestone::Resolved, EXPLICIT),
    ("in progress", Milestone::Started, PLAIN),
    ("verifying", Milestone::Mitigated, PLAIN),
    ("en cours d'analyse", Milestone::Detected, PLAIN),
    ("identifié", Milestone::Acknowledged, PLAIN),
    ("surveillance", Milestone::Mitigated, PLAIN),
    ("résolu", Milestone::Resolved, EXPLICIT),
    ("terminé", Milestone::Resolved, EXPLICIT),
];

/// Markers of a status-page update line: `**Update: 11:51**`, `Update (14:02 UTC):`,
/// `Mise à jour de 18h15`.
pub const UPDATE_MARKERS: &[&str] = &["update", "updated", "mise à jour", "mise a jour", "maj"];

/// Where `phrase` occurs in `lower` (already lowercase) on word boundaries: the byte range.
///
/// ```
/// use aftermath::domain::lexicon::find_phrase;
/// assert_eq!(find_phrase("incident resolved at 10:00", "resolved"), Some((9, 17)));
/// assert_eq!(find_phrase("unresolved", "resolved"), None);
/// assert_eq!(find_phrase("le service est rétabli", "rétabli*"), Some((15, 23)));
/// ```
pub fn find_phrase(lower: &str, phrase: &str) -> Option<(usize, usize)> {
    let (stem, prefix) = split_phrase(phrase)?;
    // A plain byte scan for the stem's first byte, then a compare: the texts are short and
    // the phrases many, so `str::find`'s searcher set-up would cost more than the search.
    let (hay, needle) = (lower.as_bytes(), stem.as_bytes());
    let first = needle.first().copied()?;
    hay.iter()
        .enumerate()
        .filter(|(_, b)| **b == first)
        // The stem starts with a whole character, so a match starts on a char boundary.
        .find_map(|(start, _)| matched_at(lower, start, stem, prefix).map(|end| (start, end)))
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Calls `start` with the byte offset of each word start of `text` (a word character after a
/// non-word one, or first), in order. Eight ASCII bytes are classified at a time; a char is
/// decoded only past ASCII.
fn word_starts(text: &str, mut start: impl FnMut(usize)) {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte (all below 0x80), the high bit set when the byte is in lo..=hi: adding
    // 0x80 - lo sets it from lo on, adding 0x7F - hi from past hi on; neither carries.
    let within = |x: u64, lo: u8, hi: u8| {
        let from = x.wrapping_add(LOW * u64::from(0x80 - lo));
        let past = x.wrapping_add(LOW * u64::from(0x7F - hi));
        from & !past & HIGH
    };
    let bytes = text.as_bytes();
    let (mut i, mut prev_word) = (0, false);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(chunk);
            let x = u64::from_le_bytes(eight);
            if x & HIGH == 0 {
                let word = within(x, b'0', b'9') | within(x, b'a', b'z') | within(x, b'A', b'Z');
                let before = word << 8 | if prev_word { 0x80 } else { 0 };
                let mut starts = word & !before;
                while starts != 0 {
                    start(i + (starts.trailing_zeros() / 8) as usize);
                    starts &= starts - 1;
                }
                prev_word = word >> 63 == 1;
                i += 8;
                continue;
            }
        }
        // Past ASCII, or the last few bytes: one char at a time, to the end of this chunk.
        let end = (i + 8).min(bytes.len());
        while i < end {
            let c = text.get(i..).and_then(|rest| rest.chars().next());
            let word = c.is_some_and(is_word);
            if word && !prev_word {
                start(i);
            }
            prev_word = word;
            i += c.map_or(1, char::len_utf8);
        }
    }
}

/// A phrase's stem and whether it is a prefix (`rétabli*`); none when empty.
fn split_phrase(phrase: &str) -> Option<(&str, bool)> {
    let (stem, prefix) = match phrase.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (phrase, false),
    };
    (!stem.is_empty()).then_some((stem, prefix))
}

/// Where a match of `stem` at byte `start` of `lower` ends, when it is one on word boundaries.
fn matched_at(lower: &str, start: usize, stem: &str, prefix: bool) -> Option<usize> {
    if !lower.get(start..)?.starts_with(stem) {
        return None;
    }
    let mut end = start + stem.len();
    let before_ok = lower
        .get(..start)
        .and_then(|b| b.chars().next_back())
        .is_none_or(|c| !is_word(c) || !stem.starts_with(is_word));
    let after = lower.get(end..).and_then(|a| a.chars().next());
    let after_ok = prefix || after.is_none_or(|c| !is_word(c) || !stem.ends_with(is_word));
    if !(before_ok && after_ok) {
        return None;
    }
    if prefix {
        end += lower.get(end..).map_or(0, |a| {
            a.chars()
                .take_while(|c| is_word(*c))
                .map(char::len_utf8)
                .sum()
        });
    }
    Some(end)
}

/// A lowercase text with its word starts indexed by first byte, for looking many phrases up
/// in it: each lookup compares at the few words that start like the phrase instead of scanning
/// the text. Gives the same answers as [`find_phrase`] (for whole lists, see [`Lists`]).
///
/// ```
/// use aftermath::domain::lexicon::{find_phrase, Haystack};
/// let text = "the api was down; service rétablie à 10:00";
/// let hay = Haystack::new(text);
/// for phrase in ["down", "rétabli*", "api was", "wn", "10:00", "service rétablie à"] {
///     assert_eq!(hay.find(phrase), find_phrase(text, phrase), "{phrase}");
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Haystack<'a> {
    text: &'a str,
    /// Every word start as (first two bytes) << 32 | position, sorted: by key, then position.
    starts: Vec<u64>,
    /// Which first bytes and which (hashed) first-two-byte keys start a word: most phrases
    /// are absent, and this says so without a search.
    firsts: [u64; 4],
    keys: [u64; 16],
}

/// A bit of a 256-bit (`[u64; 4]`) or 1024-bit (`[u64; 16]`) set.
fn bit(set: &[u64], n: usize) -> bool {
    set.get(n / 64 % set.len().max(1))
        .is_some_and(|w| w >> (n % 64) & 1 == 1)
}

fn set_bit(set: &mut [u64], n: usize) {
    let len = set.len().max(1);
    if let Some(w) = set.get_mut(n / 64 % len) {
        *w |= 1 << (n % 64);
    }
}

/// A two-byte key's bit in [`Haystack::keys`].
fn key_bit(key: u16) -> usize {
    usize::from(key).wrapping_mul(0x9E37) >> 6 & 1023
}

/// The first two bytes at `pos` as a key (the second 0 at the end of the text).
fn key_at(bytes: &[u8], pos: usize) -> u16 {
    let b0 = bytes.get(pos).copied().unwrap_or(0);
    let b1 = bytes.get(pos + 1).copied().unwrap_or(0);
    u16::from_be_bytes([b0, b1])
}

impl<'a> Haystack<'a> {
    /// Indexes `lower` (already lowercase).
    pub fn new(lower: &'a str) -> Self {
        let bytes = lower.as_bytes();
        let mut starts = Vec::with_capacity(lower.len() / 5);
        let (mut firsts, mut keys) = ([0u64; 4], [0u64; 16]);
        word_starts(lower, |i| {
            if let Ok(pos) = u32::try_from(i) {
                let key = key_at(bytes, i);
                set_bit(&mut firsts, usize::from(key >> 8));
                set_bit(&mut keys, key_bit(key));
                starts.push(u64::from(key) << 32 | u64::from(pos));
            }
        });
        starts.sort_unstable();
        Haystack {
            text: lower,
            starts,
            firsts,
            keys,
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Like [`find_phrase`].
    pub fn find(&self, phrase: &str) -> Option<(usize, usize)> {
        let (stem, prefix) = split_phrase(phrase)?;
        if !stem.starts_with(is_word) {
            return find_phrase(self.text, phrase);
        }
        let bytes = stem.as_bytes();
        // Word starts keyed like the stem: its two first bytes, or any second byte for a
        // one-byte stem.
        let (lo, hi) = match bytes {
            [b0] => {
                if !bit(&self.firsts, usize::from(*b0)) {
                    return None;
                }
                (
                    u16::from_be_bytes([*b0, 0]),
                    u16::from_be_bytes([*b0, 0xFF]),
                )
            }
            _ => {
                let k = key_at(bytes, 0);
                if !bit(&self.keys, key_bit(k)) {
                    return None;
                }
                (k, k)
            }
        };
        let (lo, hi) = (
            u64::from(lo) << 32,
            u64::from(hi) << 32 | u64::from(u32::MAX),
        );
        let from = self.starts.partition_point(|s| *s < lo);
        let mut candidates = self
            .starts
            .get(from..)?
            .iter()
            .take_while(|s| **s <= hi)
            .filter_map(|s| {
                let start = (*s & u64::from(u32::MAX)) as usize;
                matched_at(self.text, start, stem, prefix).map(|end| (start, end))
            });
        if lo >> 32 == hi >> 32 {
            // One key: its starts are in text order, so the first match is the earliest.
            candidates.next()
        } else {
            candidates.min_by_key(|(start, _)| *start)
        }
    }
}

/// Several of the lexicon's lists looked up in a text in one pass over its words: each word
/// start is compared only with the phrases whose first two bytes it shares (a table built once
/// per set of lists). Gives the same answers as [`find_any`] and [`has_any`] for each list; a
/// list outside the set, or one with a phrase that does not start a word, is searched as they
/// search. Used where a few texts are read for many lists, once per incident.
///
/// ```
/// use aftermath::domain::lexicon::{find_any, Lists, INCIDENT_WORDS, UNPLANNED};
/// static SET: Lists = Lists::new(&[UNPLANNED, INCIDENT_WORDS]);
/// let text = "emergency fix after an outage";
/// let found = SET.scan(text);
/// assert_eq!(found.find_any(INCIDENT_WORDS), find_any(text, INCIDENT_WORDS));
/// assert_eq!(found.find_any(UNPLANNED), Some(("emergency", 0, 9)));
/// ```
#[derive(Debug)]
pub struct Lists {
    lists: &'static [&'static [&'static str]],
    index: std::sync::OnceLock<ListsIndex>,
}

/// A phrase of a [`Lists`] set: its list, its place in the list, its stem.
#[derive(Clone, Copy, Debug)]
struct Entry {
    list: usize,
    order: usize,
    phrase: &'static str,
    stem: &'static str,
    prefix: bool,
    /// The stem's first eight bytes (fewer, for a shorter stem) and the mask that keeps as
    /// many of a text's: most candidates differ within them, and are told apart without a
    /// comparison of the whole stem.
    head: u64,
    mask: u64,
}

/// Up to eight bytes from `at` as one number (zeros past the end).
fn head_at(bytes: &[u8], at: usize) -> u64 {
    if let Some(Ok(eight)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
        return u64::from_le_bytes(eight);
    }
    let mut head = [0u8; 8];
    let rest = bytes.get(at..).unwrap_or_default();
    let n = rest.len().min(8);
    if let (Some(to), Some(from)) = (head.get_mut(..n), rest.get(..n)) {
        to.copy_from_slice(from);
    }
    u64::from_le_bytes(head)
}

#[derive(Debug, Default)]
struct ListsIndex {
    /// Stems of two bytes or more, grouped by [`key_bit`] of their key: the group of bit `b`
    /// is `entries[starts[b]..starts[b + 1]]`, in list order within it.
    entries: Vec<Entry>,
    starts: Vec<usize>,
    /// One-byte stems, in list order.
    short: Vec<Entry>,
    /// Lists searched without the table (a phrase that does not start a word).
    unindexed: Vec<bool>,
}

/// A text looked up by a [`Lists`] set.
#[derive(Debug)]
pub struct Scanned<'t> {
    text: &'t str,
    lists: &'static [&'static [&'static str]],
    unindexed: &'t [bool],
    /// Per list: the earliest match, as (phrase, start, end, place in the list).
    hits: [Option<(&'static str, usize, usize, usize)>; MAX_LISTS],
}

/// The most lists a [`Lists`] set looks up in its one pass (its answers for a text are kept
/// in an array).
pub const MAX_LISTS: usize = 16;

impl Lists {
    /// A set of lists; those past the first [`MAX_LISTS`] are searched as [`find_any`] does.
    pub const fn new(lists: &'static [&'static [&'static str]]) -> Self {
        Lists {
            lists,
            index: std::sync::OnceLock::new(),
        }
    }

    fn index(&self) -> &ListsIndex {
        self.index.get_or_init(|| {
            let mut index = ListsIndex {
                unindexed: vec![false; self.lists.len()],
                ..ListsIndex::default()
            };
            let mut grouped: Vec<(usize, Entry)> = Vec::new();
            for (list, phrases) in self.lists.iter().enumerate() {
                if list >= MAX_LISTS {
                    if let Some(u) = index.unindexed.get_mut(list) {
                        *u = true;
                    }
                    continue;
                }
                for (order, phrase) in phrases.iter().enumerate() {
                    let Some((stem, prefix)) = split_phrase(phrase) else {
                        continue; // never found
                    };
                    if !stem.starts_with(is_word) {
                        if let Some(u) = index.unindexed.get_mut(list) {
                            *u = true;
                        }
                        continue;
                    }
                    let bytes = stem.as_bytes();
                    let short = bytes.len() == 1;
                    let n = bytes.len().min(8);
                    let entry = Entry {
                        list,
                        order,
                        phrase,
                        stem,
                        prefix,
                        head: head_at(bytes, 0),
                        mask: u64::MAX >> (64 - 8 * n),
                    };
                    if short {
                        index.short.push(entry);
                    } else {
                        grouped.push((key_bit(key_at(bytes, 0)), entry));
                    }
                }
            }
            // Stable: list order is kept within a group.
            grouped.sort_by_key(|(bit, _)| *bit);
            index.starts = (0..=1024)
                .map(|b| grouped.partition_point(|(bit, _)| *bit < b))
                .collect();
            index.entries = grouped.into_iter().map(|(_, e)| e).collect();
            index
        })
    }

    /// `lower` looked up again: what a scan of that very text found before.
    pub fn again<'t>(&'t self, lower: &'t str, found: Found) -> Scanned<'t> {
        Scanned {
            text: lower,
            lists: self.lists,
            unindexed: &self.index().unindexed,
            hits: found.0,
        }
    }

    /// Looks every list up in `lower` (already lowercase).
    pub fn scan<'t>(&'t self, lower: &'t str) -> Scanned<'t> {
        let index = self.index();
        let mut hits = [None; MAX_LISTS];
        let bytes = lower.as_bytes();
        let mut consider = |e: &Entry, start: usize| {
            let Some(hit) = hits.get_mut(e.list) else {
                return;
            };
            // Word starts come in text order: a hit at an earlier start stands; at the same
            // start, the phrase earlier in its list.
            if hit.is_some_and(|(_, s, _, order)| s < start || order < e.order) {
                return;
            }
            if let Some(end) = matched_at(lower, start, e.stem, e.prefix) {
                *hit = Some((e.phrase, start, end, e.order));
            }
        };
        word_starts(lower, |i| {
            let head = head_at(bytes, i);
            // The first two bytes, as `key_at` makes them.
            let key = (head as u16).swap_bytes();
            let bit = key_bit(key);
            let (from, to) = (
                index.starts.get(bit).copied().unwrap_or(0),
                index.starts.get(bit + 1).copied().unwrap_or(0),
            );
            let candidates =
                (index.entries.get(from..to).unwrap_or_default().iter()).chain(&index.short);
            for e in candidates {
                if head & e.mask == e.head {
                    consider(e, i);
                }
            }
        });
        Scanned {
            text: lower,
            lists: self.lists,
            unindexed: &index.unindexed,
            hits,
        }
    }
}

/// What a [`Lists`] set found in a text, kept apart from it ([`Scanned::found`]) to look the
/// same text up again without a scan ([`Lists::again`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found([Option<(&'static str, usize, usize, usize)>; MAX_LISTS]);

impl Scanned<'_> {
    /// What the scan found.
    pub fn found(&self) -> Found {
        Found(self.hits)
    }

    /// Like [`find_any`] on the text.
    pub fn find_any(
        &self,
        phrases: &'static [&'static str],
    ) -> Option<(&'static str, usize, usize)> {
        // The lists are constants: the same list usually has one address, but need not.
        let same = |l: &&[&str]| l.as_ptr() == phrases.as_ptr() && l.len() == phrases.len();
        let position = (self.lists.iter().position(same))
            .or_else(|| self.lists.iter().position(|l| *l == phrases));
        match position {
            Some(n) if !self.unindexed.get(n).copied().unwrap_or(true) => self
                .hits
                .get(n)
                .copied()
                .flatten()
                .map(|(p, s, e, _)| (p, s, e)),
            _ => find_any(self.text, phrases),
        }
    }

    /// Like [`has_any`] on the text.
    pub fn has_any(&self, phrases: &'static [&'static str]) -> bool {
        self.find_any(phrases).is_some()
    }
}

/// The first phrase of `phrases` found in `lower`, with its range.
pub fn find_any<'p>(lower: &str, phrases: &[&'p str]) -> Option<(&'p str, usize, usize)> {
    phrases
        .iter()
        .filter_map(|p| find_phrase(lower, p).map(|(s, e)| (*p, s, e)))
        .min_by_key(|(_, s, _)| *s)
}

/// A text in lowercase: itself when it already is (most are, in ASCII), else a copy.
pub fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(text)
    } else if text.is_ascii() {
        std::borrow::Cow::Owned(text.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Owned(text.to_lowercase())
    }
}

/// Whether `lower` contains any of `phrases`.
pub fn has_any(lower: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| find_phrase(lower, p).is_some())
}

/// The role of a heading (lowercase, trimmed), if it names a known section.
pub fn heading_role(heading: &str) -> Option<Role> {
    let h = heading
        .trim()
        .trim_end_matches([':', '?', '.'])
        .trim()
        .to_lowercase();
    HEADINGS.iter().find_map(|(role, names)| {
        names
            .iter()
            .any(|n| {
                h == *n
                    || h.strip_prefix(n).is_some_and(|rest| {
                        rest.starts_with([' ', '(', ':', '-', '–', ','])
                            && rest.chars().count() <= 100
                    })
            })
            .then_some(*role)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_on_word_boundaries() {
        assert!(find_phrase("the deploy finished", "deploy").is_some());
        assert!(find_phrase("redeployment", "deploy").is_none());
        assert!(find_phrase("first alerted", "alert*").is_some());
        assert!(find_phrase("", "x").is_none());
        assert!(find_phrase("abc", "*").is_none());
        assert_eq!(find_phrase("é résolu", "résolu*"), Some((3, 10)));
    }

    /// The classifier's lists and one of our own: one-letter stems, a prefix, a stem that is
    /// not a whole word, a phrase that does not start a word.
    const TEST_LISTS: &[&[&str]] = &[
        UNPLANNED,
        MAINTENANCE_STRONG,
        MAINTENANCE_WEAK,
        PLANNED_PHRASES,
        FUTURE_IMPACT,
        INCIDENT_WORDS,
        NOTICE_WORDS,
        ADVISORY_WORDS,
        ADVISORY_INCIDENT_WORDS,
        &[
            "a", "b", "x", "1", "re*", "s", "normale", "planned", "ed", "-west",
        ],
    ];

    #[test]
    fn word_starts_eight_bytes_at_a_time_are_those_of_a_char_walk() {
        let naive = |text: &str| {
            let mut prev = false;
            let mut out = Vec::new();
            for (i, c) in text.char_indices() {
                let word = is_word(c);
                if word && !prev {
                    out.push(i);
                }
                prev = word;
            }
            out
        };
        // Uppercase, digits, punctuation and the bytes around them (`/`, `:`, `@`, `[`, `` ` ``,
        // `{`), and chars of two to four bytes that straddle the eight-byte chunks.
        let pieces = [
            "a", "Z", "0", "9", "/", ":", "@", "[", "`", "{", " ", "-", "é", "É", "ß", "日本",
            "😀", "\u{a0}", "٣", "x1", "API", "résolu", "\t", "\n",
        ];
        let mut dice = crate::domain::model::testing::Dice(0x9e37_79b9_7f4a_7c15u64);
        let mut next = |n: usize| dice.roll(n as u64) as usize;
        let mut checked = 0;
        for _ in 0..3000 {
            let text: String = (0..next(40)).map(|_| pieces[next(pieces.len())]).collect();
            let mut fast = Vec::new();
            word_starts(&text, |i| fast.push(i));
            assert_eq!(fast, naive(&text), "{text:?}");
            checked += fast.len();
        }
        assert!(checked > 10_000, "{checked} word starts");
        let mut all = Vec::new();
        word_starts("Ab9 [x]yz`q{w}@k:é  ", |i| all.push(i));
        assert_eq!(all, [0, 5, 7, 10, 12, 15, 17]);
    }

    #[test]
    fn lists_scanned_at_once_answer_like_each_list_searched() {
        static SET: Lists = Lists::new(TEST_LISTS);
        // Texts made of the lists' own words, cut and glued, with accents, punctuation and
        // capital-free noise, so that many phrases start alike and some match at one place.
        let words: Vec<&str> = TEST_LISTS
            .iter()
            .flat_map(|l| l.iter())
            .flat_map(|p| p.split(' '))
            .chain([
                "é", "à", "l'api", "x1", "-", ", ", ": ", "(", "rétabli", "ré", "123",
            ])
            .collect();
        let mut dice = crate::domain::model::testing::Dice(0x2545_f491_4f6c_dd1du64);
        let mut next = |n: usize| dice.roll(n as u64) as usize;
        let (mut texts, mut hits) = (0, 0);
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..next(12) {
                let w = words[next(words.len())];
                let w = match next(5) {
                    0 => &w[..w.char_indices().nth(1).map_or(w.len(), |(i, _)| i)],
                    _ => w,
                };
                text.push_str(w);
                text.push_str(["", " ", " ", "-", "s "][next(5)]);
            }
            let text = text.trim_end_matches('*').replace('*', "");
            let scanned = SET.scan(&text);
            for list in TEST_LISTS {
                let want = find_any(&text, list);
                assert_eq!(scanned.find_any(list), want, "{list:?} in {text:?}");
                assert_eq!(scanned.has_any(list), want.is_some());
                hits += usize::from(want.is_some());
            }
            texts += 1;
        }
        assert_eq!(texts, 2000);
        assert!(
            hits > 2000,
            "the texts should hold many phrases: {hits} hits"
        );
        // Past MAX_LISTS, lists are searched as they would be alone.
        static SEVENTEEN: [&[&str]; MAX_LISTS + 1] = {
            let mut lists: [&[&str]; MAX_LISTS + 1] = [UNPLANNED; MAX_LISTS + 1];
            lists[MAX_LISTS] = INCIDENT_WORDS;
            lists
        };
        static MANY: Lists = Lists::new(&SEVENTEEN);
        let text = "an emergency outage";
        let many = MANY.scan(text);
        assert_eq!(
            many.find_any(INCIDENT_WORDS),
            find_any(text, INCIDENT_WORDS)
        );
        assert_eq!(many.find_any(UNPLANNED), Some(("emergency", 3, 12)));
        // A list outside the set is searched as it would be alone.
        let other: &'static [&'static str] = &["api", "zzz"];
        assert_eq!(SET.scan("l'api").find_any(other), Some(("api", 2, 5)));
    }

    #[test]
    fn the_index_answers_like_the_scan_for_every_phrase() {
        // Texts of our own, with words sharing first bytes, one-letter words, accents, a
        // phrase at the very end and stems that are not whole words.
        let texts = [
            "scheduled maintenance: the database will be unavailable; a security advisory (cve) was published",
            "incident résolu à 10:00, service rétabli. retour à la normale",
            "we are investigating an outage in eu-west; a fix is in progress and monitoring",
            "a b c x 1 2 planned",
            "",
        ];
        let lists = TEST_LISTS;
        static SET: Lists = Lists::new(TEST_LISTS);
        let mut found = 0;
        for text in texts {
            let hay = Haystack::new(text);
            let scanned = SET.scan(text);
            for list in lists {
                assert_eq!(
                    scanned.find_any(list),
                    find_any(text, list),
                    "{list:?} in {text:?}"
                );
                assert_eq!(
                    scanned.has_any(list),
                    has_any(text, list),
                    "{list:?} in {text:?}"
                );
            }
            for phrase in lists.iter().flat_map(|l| l.iter()) {
                let want = find_phrase(text, phrase);
                assert_eq!(hay.find(phrase), want, "{phrase:?} in {text:?}");
                found += usize::from(want.is_some());
            }
        }
        assert!(
            found >= 15,
            "the texts should hold many of the phrases, found {found}"
        );
    }

    #[test]
    fn heading_roles() {
        assert_eq!(heading_role("Timeline (UTC)"), Some(Role::Timeline));
        assert_eq!(
            heading_role("Chronologie (heure française)"),
            Some(Role::Timeline)
        );
        assert_eq!(heading_role("Action items:"), Some(Role::Actions));
        assert_eq!(heading_role("Timelines are hard, a long essay"), None);
        assert_eq!(heading_role("Root cause"), Some(Role::Other));
    }
}
