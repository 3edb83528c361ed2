//! Words the text readers look for, in English and French: months, weekdays, section headings,
//! milestone keywords, zone names and region codes. Kept apart so that the rules in
//! `import::text` read as rules and the vocabulary can grow without touching them.

/// Month number for an English or French month name or common abbreviation (lowercase input).
pub fn month(word: &str) -> Option<u32> {
    let m = match word.trim_end_matches('.') {
        "january" | "jan" | "janvier" | "janv" => 1,
        "february" | "feb" | "février" | "fevrier" | "févr" | "fevr" => 2,
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

/// Weekday (0 = Monday) for an English or French weekday name or abbreviation (lowercase input).
pub fn weekday(word: &str) -> Option<u32> {
    let d = match word {
        "monday" | "mon" | "lundi" => 0,
        "tuesday" | "tue" | "tues" | "mardi" => 1,
        "wednesday" | "wed" | "mercredi" => 2,
        "thursday" | "thu" | "thurs" | "jeudi" => 3,
        "friday" | "fri" | "vendredi" => 4,
        "saturday" | "sat" | "samedi" => 5,
        "sunday" | "sun" | "dimanche" => 6,
        _ => return None,
    };
    Some(d)
}

/// Headings that open a timeline section.
pub const TIMELINE_HEADINGS: &[&str] = &[
    "timeline",
    "chronologie",
    "faits et timeline",
    "timeline of events",
    "time line",
    "déroulé",
    "deroule",
    "sequence of events",
];

/// Headings that open a list of action items.
pub const ACTION_HEADINGS: &[&str] = &[
    "contre-mesures",
    "contre mesures",
    "actions à prendre",
    "actions a prendre",
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
    "lessons learned and actions",
    "plan d'action",
    "plan d’action",
];

/// Headings that open an impact section.
pub const IMPACT_HEADINGS: &[&str] = &["impact", "impacts", "customer impact", "impact client"];

/// Which milestone a timeline line marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Milestone {
    Started,
    Detected,
    Acknowledged,
    Mitigated,
    Resolved,
}

/// Keywords per milestone (lowercase substrings), most specific first. Resolved is checked
/// before mitigated, mitigated before acknowledged, so "restored" wins over "investigating".
pub const MILESTONE_WORDS: &[(Milestone, &[&str])] = &[
    (
        Milestone::Resolved,
        &[
            "all services restored",
            "services verified to be restored",
            "fully restored",
            "resolved",
            "rétabli",
            "retabli",
            "de nouveau fonctionnel",
            "back to normal",
            "incident closed",
            "service restored",
            "recovered",
        ],
    ),
    (
        Milestone::Mitigated,
        &[
            "fix deployed",
            "capacity restored",
            "desired capacity",
            "capacity again",
            "rebranch",
            "mitigated",
            "mitigation in place",
            "workaround",
            "rolled back successfully",
            "rollback complete",
        ],
    ),
    (
        Milestone::Acknowledged,
        &[
            "dispatched",
            "investigating",
            "prise en charge",
            "pris en charge",
            "prend en charge",
            "on-call engaged",
            "acknowledged",
            "incident declared",
            "war room",
        ],
    ),
    (
        Milestone::Detected,
        &[
            "first alert",
            "pager",
            "paged",
            "alerted",
            "noticed",
            "alerte",
            "détecté",
            "detecte",
            "detected",
            "monitoring fired",
            "reported by",
        ],
    ),
    (
        Milestone::Started,
        &[
            "we deployed",
            "deploy",
            "déploiement",
            "deploiement",
            "change was",
            "was rolled out",
            "started",
            "began",
            "commencé",
            "apparu",
        ],
    ),
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
