//! The words of minutes the parser recognises: honorifics, speech verbs,
//! roles, decision markers, and capitalised words that are not abbreviations.
//!
//! These are patterns of the genre, not names from any one council.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// Titles that come before a person's name. Matched case-sensitively.
pub const HONORIFICS: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "M/s",
    "Dr",
    "Prof",
    "Professor",
    "Councillor",
    "Cllr",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev",
    "Revd",
    "Reverend",
    "Canon",
    "Father",
    "Sister",
    "Alderman",
    "Baroness",
    "Baron",
    "Judge",
];

/// Honorifics that are themselves a role: a councillor attends as a councillor.
pub fn honorific_is_role(honorific: &str) -> bool {
    matches!(
        honorific.trim_end_matches('.'),
        "Councillor" | "Cllr" | "Alderman"
    )
}

/// Verbs that show a person speaking or acting in the meeting.
pub const SPEECH_VERBS: &[&str] = &[
    "presented",
    "noted",
    "explained",
    "informed",
    "asked",
    "queried",
    "answered",
    "confirmed",
    "emphasised",
    "emphasized",
    "proposed",
    "seconded",
    "reported",
    "said",
    "stated",
    "advised",
    "added",
    "commented",
    "suggested",
    "responded",
    "replied",
    "raised",
    "highlighted",
    "outlined",
    "introduced",
    "thanked",
    "welcomed",
    "updated",
    "briefed",
    "summarised",
    "summarized",
    "clarified",
    "remarked",
    "questioned",
    "requested",
    "recommended",
    "expressed",
    "gave",
    "provided",
    "declared",
    "moved",
    "spoke",
    "mentioned",
    "acknowledged",
    "indicated",
    "stressed",
    "assured",
    "undertook",
    "read",
    "agreed",
    "referred",
    "circulated",
    "tabled",
    "invited",
    "opened",
    "closed",
    "chaired",
    "delivered",
    "described",
    "felt",
    "believed",
    "considered",
    "urged",
    "warned",
    "wished",
    "offered",
    "sought",
    "shared",
    "set out",
    "took",
    "continued",
    "concluded",
    "pointed out",
    "reminded",
];

/// Whether `word` is a speech verb (compared without case).
pub fn is_speech_verb(word: &str) -> bool {
    // Every verb is short, ASCII and lower-case: a longer word is none of
    // them, and a shorter one is lower-cased on the stack and looked up.
    let mut buffer = [0u8; 16];
    if word.len() > buffer.len() {
        return false;
    }
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|lower| SPEECH_VERB_SET.contains(lower))
}

static SPEECH_VERB_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| SPEECH_VERBS.iter().copied().collect());

/// Nouns that make a phrase a role: "Assistant Director Family Services".
const ROLE_NOUNS: &[&str] = &[
    "director",
    "manager",
    "officer",
    "clerk",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "vice-chair",
    "vice-chairman",
    "head",
    "leader",
    "member",
    "councillor",
    "mayor",
    "executive",
    "secretary",
    "treasurer",
    "governor",
    "commissioner",
    "invitee",
    "representative",
    "lead",
    "adviser",
    "advisor",
    "coordinator",
    "co-ordinator",
    "consultant",
    "inspector",
    "superintendent",
    "constable",
    "chief",
    "president",
    "trustee",
    "solicitor",
    "accountant",
    "auditor",
    "engineer",
    "planner",
    "warden",
    "headteacher",
    "principal",
    "nurse",
    "analyst",
    "administrator",
    "assistant",
    "deputy",
    "controller",
    "surveyor",
    "architect",
    "specialist",
    "minister",
    "holder",
    "observer",
    "co-optee",
    "chaplain",
    "caretaker",
    "handyman",
    "ranger",
    "worker",
    "practitioner",
    "therapist",
    "commander",
    "sergeant",
    "vicar",
    "rector",
    "steward",
    "monitor",
    "registrar",
    "scrutineer",
    "portfolio",
    "cabinet",
    "convenor",
    "convener",
    "provost",
    "bailie",
    "sheriff",
    "speaker",
    "delegate",
    "partner",
    "founder",
];

/// Whether a word names a role: "Director", "Clerk", "Chairman".
pub fn is_role_noun(word: &str) -> bool {
    // Most words are plain letters: nothing to trim or split.
    if word.len() <= 32 && !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic()) {
        // Most words are ruled out by their first letter and length.
        let first = word.as_bytes()[0].to_ascii_lowercase();
        if ROLE_SHAPES[usize::from(first - b'a')] >> word.len() & 1 == 0 {
            return false;
        }
        let mut buffer = [0u8; 32];
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|lower| ROLE_SET.contains(lower));
    }
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    let word = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    // Most words are short and ASCII: lower-case them on the stack.
    let mut buffer = [0u8; 32];
    if word.len() > buffer.len() || !word.is_ascii() {
        let lower = word.to_lowercase();
        return ROLE_SET.contains(lower.as_str())
            || lower
                .split(['/', '-'])
                .any(|part| part.len() > 3 && ROLE_SET.contains(part));
    }
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).unwrap_or("");
    ROLE_SET.contains(lower)
        || lower
            .split(['/', '-'])
            .any(|part| part.len() > 3 && ROLE_SET.contains(part))
}

/// For each letter, the lengths of the role nouns that open with it, as bits.
static ROLE_SHAPES: [u64; 26] = {
    let mut shapes = [0u64; 26];
    let mut index = 0;
    while index < ROLE_NOUNS.len() {
        let noun = ROLE_NOUNS[index].as_bytes();
        assert!(noun[0].is_ascii_lowercase() && noun.len() < 64);
        shapes[(noun[0] - b'a') as usize] |= 1 << noun.len();
        index += 1;
    }
    shapes
};

static ROLE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ROLE_NOUNS.iter().copied().collect());
static CAPITALISED_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| CAPITALISED_WORDS.iter().copied().collect());
static NOT_FIRST_NAME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_FIRST_NAMES.iter().copied().collect());
static ORGANISATION_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ORGANISATION_NOUNS.iter().copied().collect());
static HONORIFIC_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| HONORIFICS.iter().copied().collect());

/// Whether a word is an honorific: "Mr", "Cllr", "Councillor".
pub fn is_honorific(word: &str) -> bool {
    word.len() <= 10 && HONORIFIC_SET.contains(word)
}

/// Small words inside names of bodies and roles, skipped when reading an
/// abbreviation's letters: "Department for Education".
pub const SMALL_WORDS: &[&str] = &[
    "and", "of", "for", "the", "in", "on", "to", "at", "by", "with", "&", "a", "an", "de",
];

pub fn is_small_word(word: &str) -> bool {
    word.len() <= 4
        && SMALL_WORDS
            .iter()
            .any(|small| small.eq_ignore_ascii_case(word))
}

/// Words written in capitals in minutes that are not abbreviations: the
/// formal words of the record and ordinary words set in capitals.
const CAPITALISED_WORDS: &[&str] = &[
    "RESOLVED",
    "AGREED",
    "NOTED",
    "MINUTES",
    "MINUTE",
    "PRESENT",
    "APOLOGIES",
    "PART",
    "ONE",
    "TWO",
    "THREE",
    "THAT",
    "ACTION",
    "ACTIONS",
    "DECISION",
    "DECISIONS",
    "APPROVED",
    "CARRIED",
    "UNANIMOUSLY",
    "ITEM",
    "ITEMS",
    "AGENDA",
    "DRAFT",
    "CONFIRMED",
    "FINAL",
    "NOTE",
    "RECOMMENDED",
    "RECOMMENDATION",
    "RECOMMENDATIONS",
    "DECIDED",
    "THE",
    "AND",
    "OF",
    "TO",
    "IN",
    "FOR",
    "ON",
    "AT",
    "BY",
    "OR",
    "NOT",
    "NO",
    "ALL",
    "MUST",
    "WILL",
    "IS",
    "ARE",
    "BE",
    "THIS",
    "WITH",
    "AS",
    "AN",
    "WE",
    "HE",
    "SHE",
    "IF",
    "SO",
    "DO",
    "GO",
    "UP",
    "MY",
    "ME",
    "US",
    "OUR",
    "NEW",
    "OLD",
    "NONE",
    "NIL",
    "YES",
    "TBC",
    "TBA",
    "NB",
    "PS",
    "OPEN",
    "FORUM",
    "CLOSED",
    "CLOSE",
    "URGENT",
    "IMPORTANT",
    "ABSENT",
    "ATTENDANCE",
    "MEETING",
    "COUNCIL",
    "COMMITTEE",
    "REPORT",
    "REPORTS",
    "PUBLIC",
    "PRIVATE",
    "EXEMPT",
    "CONFIDENTIAL",
    "ANY",
    "OTHER",
    "BUSINESS",
    "DATE",
    "NEXT",
    "TIME",
    "VENUE",
    "CHAIR",
    "CHAIRMAN",
    "CLERK",
    "FINANCE",
    "PLANNING",
    "CORRESPONDENCE",
    "MATTERS",
    "ARISING",
    "DECLARATIONS",
    "INTEREST",
    "INTERESTS",
    "QUESTIONS",
    "WELCOME",
    "ELECTION",
    "AOB",
    "FOR",
    "AGAINST",
    "ABSTENTION",
    "ABSTENTIONS",
    "ABSTAINED",
    "MOTION",
    "AMENDMENT",
    "ALSO",
    "ONLY",
    "VERY",
    "MORE",
    "BUT",
    "HAS",
    "HAVE",
    "WAS",
    "WERE",
    "IT",
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
    "THOSE",
    "THESE",
    "THEIR",
    "THERE",
    "WHICH",
    "WHERE",
    "WHEN",
    "ABOUT",
    "AFTER",
    "BEFORE",
    "FROM",
    "INTO",
    "OVER",
    "UNDER",
    "THEY",
    "THEM",
    "WHAT",
    "WHO",
    "WHY",
    "HOW",
    "CAN",
    "MAY",
    "SHALL",
    "SHOULD",
    "WOULD",
    "COULD",
    "LOW",
    "HIGH",
    "MEDIUM",
    "FULL",
    "SUB",
    "LINK",
    "TOWN",
    "CITY",
    "HALL",
    "ROAD",
    "LANE",
    "WARD",
    "PARISH",
    "BOROUGH",
    "COUNTY",
    "DISTRICT",
    "ANNUAL",
    "SPECIAL",
    "GENERAL",
    "UPDATE",
    "UPDATES",
    "REVIEW",
    "BUDGET",
    "ACCOUNTS",
    "PAYMENTS",
    "POLICE",
    "HEALTH",
    "SAFETY",
    "CHURCH",
    "SCHOOL",
    "VILLAGE",
    "OFFICE",
    "MEMBERS",
    "COUNCILLORS",
    "OFFICERS",
    "CABINET",
    "BOARD",
    "PANEL",
    "GROUP",
    "TRUST",
    "HOUSING",
    "PLAN",
    "WORK",
    "WORKS",
    "GRANT",
    "GRANTS",
    "FUND",
    "FUNDS",
    "SIGNED",
    "DATED",
    "PAGE",
    "SEE",
    "ATTACHED",
    "ENCLOSED",
    "CLOSE",
    "END",
    "START",
    "STOP",
    "FREE",
    "SAFE",
    "GOOD",
    "BAD",
    "NEW",
    "OLD",
    "KEY",
    "MAIN",
    "TOTAL",
    "NET",
    "GROSS",
    "CASH",
    "BANK",
    "RISK",
    "RISKS",
    "AMBER",
    "RED",
    "GREEN",
    "BLUE",
];

pub fn is_capitalised_word(word: &str) -> bool {
    CAPITALISED_SET.contains(word)
}

/// Whether a word is a Roman numeral made of I, V and X: II, IV, XIII.
pub fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 6
        && word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
        && roman_value(word).is_some()
}

/// The value of a Roman numeral in I, V, X, L, C (any case), if it is well formed.
pub fn roman_value(text: &str) -> Option<u32> {
    let digit = |c: char| match c.to_ascii_lowercase() {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let values: Option<Vec<u32>> = text.chars().map(digit).collect();
    let values = values?;
    let mut total = 0;
    for (i, value) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > value) {
            total -= *value as i64;
        } else {
            total += *value as i64;
        }
    }
    let total = u32::try_from(total).ok().filter(|total| *total > 0)?;
    // Only the canonical spelling counts, so "IIII" or "VX" are not numerals.
    (to_roman(total).eq_ignore_ascii_case(text)).then_some(total)
}

fn to_roman(mut value: u32) -> String {
    let table = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (amount, letters) in table {
        while value >= amount {
            out.push_str(letters);
            value -= amount;
        }
    }
    out
}

/// Roman numerals in lower case for renumbering: 1 → "i".
pub fn roman_lower(value: u32) -> String {
    to_roman(value)
}

/// Words that begin capitalised phrases but are never a first name.
const NOT_FIRST_NAMES: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "A",
    "An",
    "It",
    "In",
    "On",
    "At",
    "For",
    "From",
    "Following",
    "After",
    "Before",
    "During",
    "Members",
    "Member",
    "Officers",
    "Officer",
    "Committee",
    "Council",
    "Cabinet",
    "Board",
    "Panel",
    "Councillors",
    "Councillor",
    "Parish",
    "Borough",
    "County",
    "District",
    "Town",
    "City",
    "Community",
    "Chief",
    "Police",
    "Health",
    "Children",
    "Social",
    "Local",
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Family",
    "Executive",
    "Director",
    "Head",
    "Chair",
    "Chairman",
    "Vice",
    "Deputy",
    "Assistant",
    "Senior",
    "Service",
    "Services",
    "Team",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Apologies",
    "Minutes",
    "Resolved",
    "Agreed",
    "Item",
    "Agenda",
    "Report",
    "Public",
    "Planning",
    "Finance",
    "All",
    "Some",
    "Many",
    "Each",
    "Every",
    "Both",
    "Her",
    "His",
    "Their",
    "Our",
    "Its",
    "One",
    "Two",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Cllr",
    "Any",
    "Other",
    "Further",
    "Also",
    "When",
    "Where",
    "While",
    "Whilst",
    "As",
    "If",
    "Once",
    "Then",
    "Therefore",
    "However",
    "Governors",
    "Governor",
    "Trustees",
    "Staff",
    "Residents",
    "Parishioners",
    "Several",
    "Under",
    "Upon",
    "With",
    "Without",
    "Having",
    "By",
    "Schools",
    "School",
    "Church",
    "Village",
    "National",
    "Royal",
    "Department",
    "Ward",
    "Area",
    "Highways",
    "Environment",
    "Environmental",
    "Education",
    "Housing",
    "Adult",
    "Adults",
    "Mental",
    "Strategic",
    "Corporate",
    "Operational",
    "Group",
    "Project",
    "Programme",
    "Budget",
    "Treasurer",
    "Secretary",
    "Clerk",
    "Mayor",
    "Leader",
    "Cabinet",
    "Lead",
    "Interim",
    "Acting",
    "Section",
    "Part",
    "Appendix",
    "Paragraph",
    "Question",
    "Questions",
    "Table",
    "Page",
    "Note",
    "Notes",
    "Action",
    "Decision",
    "Thanks",
    "Overall",
    "Another",
    "Young",
    "Early",
    "Older",
    "Lay",
    "Again",
    "Here",
    "There",
    "Next",
    "Last",
    "First",
    "Second",
    "Third",
    "New",
    "Old",
    "Great",
    "St",
    "Natural",
    "Historic",
    "Sport",
    "Thames",
    "Anglian",
    "Severn",
    "Southern",
    "Northern",
    "Western",
    "Eastern",
    "Network",
    "British",
    "English",
    "Welsh",
    "Scottish",
    "Irish",
    "Royal",
    "United",
    "General",
    "Citizens",
    "Age",
    "Action",
    "Friends",
    "Save",
    "Keep",
    "Visit",
    "Love",
    "Wildlife",
    "Woodland",
    "Canal",
    "River",
    "Rivers",
    "Waste",
    "Street",
    "Clean",
    "Green",
    "Safer",
    "Better",
    "Greater",
    "Mid",
    "Upper",
    "Lower",
    "Little",
    "Great",
    "Old",
    "New",
];

pub fn is_not_first_name(word: &str) -> bool {
    NOT_FIRST_NAME_SET.contains(word)
}

/// Nouns that end the names of bodies, places and services, never people:
/// "Family Services", "Bell Corner", "Reach Team".
const ORGANISATION_NOUNS: &[&str] = &[
    "Services",
    "Service",
    "Team",
    "Teams",
    "Council",
    "Committee",
    "Board",
    "Corner",
    "Road",
    "Street",
    "Lane",
    "Hall",
    "Group",
    "Partnership",
    "Trust",
    "Department",
    "Authority",
    "Association",
    "Agency",
    "Centre",
    "Center",
    "Church",
    "School",
    "College",
    "University",
    "Hospital",
    "Library",
    "Park",
    "Green",
    "Close",
    "Avenue",
    "Way",
    "Drive",
    "Court",
    "House",
    "Office",
    "Unit",
    "Hub",
    "Forum",
    "Panel",
    "Cabinet",
    "Society",
    "Club",
    "Fund",
    "Foundation",
    "Limited",
    "Ltd",
    "Plc",
    "Company",
    "Commission",
    "Executive",
    "Government",
    "Parish",
    "Borough",
    "County",
    "District",
    "Ward",
    "Bank",
    "Insurance",
    "Police",
    "Fire",
    "Care",
    "Plan",
    "Report",
    "Strategy",
    "Policy",
    "Project",
    "Programme",
    "Scheme",
    "Network",
    "Alliance",
    "Federation",
    "Institute",
    "Inspectorate",
    "Estate",
    "Farm",
    "Field",
    "Fields",
    "Wood",
    "Bridge",
    "Square",
    "Place",
    "Gardens",
    "Garden",
    "Station",
    "Village",
    "Town",
    "City",
    "Area",
    "Centre",
    "Surgery",
    "Practice",
    "Academy",
    "Nursery",
    "Cemetery",
    "Churchyard",
    "Memorial",
    "Meeting",
    "Minutes",
    "Act",
    "Regulations",
    "Order",
    "Officers",
    "Members",
    "Councillors",
    "Governors",
    "Parishioner",
    "Parishioners",
    "Resident",
    "Residents",
    "People",
    "Help",
    "Years",
    "Support",
    "England",
    "Scotland",
    "Wales",
    "Ireland",
    "Britain",
    "Water",
    "Rail",
    "Energy",
    "Gas",
    "Electric",
    "Power",
    "Homes",
    "Transport",
    "Airport",
    "Ambulance",
    "Rescue",
    "Constabulary",
    "Healthwatch",
    "Heritage",
    "Highways",
    "Network",
    "Railway",
    "Railways",
    "Buses",
    "Bus",
    "Coaches",
    "Trains",
    "Broadband",
    "Telecom",
    "Mail",
    "Post",
    "Press",
    "News",
    "Times",
    "Gazette",
    "Herald",
    "Radio",
    "Television",
    "Online",
    "Digital",
    "Direct",
    "Solutions",
    "Consulting",
    "Associates",
    "Partners",
    "Group",
    "Holdings",
    "Developments",
    "Estates",
    "Properties",
    "Construction",
    "Contractors",
    "Landscapes",
    "Media",
    "Marketing",
    "Charity",
    "Foundation",
    "Appeal",
    "Festival",
    "Show",
    "Fair",
    "Market",
    "Centre",
    "Museum",
    "Gallery",
    "Theatre",
    "Cinema",
    "Stadium",
    "Arena",
    "Pool",
    "Leisure",
    "Sports",
    "Scouts",
    "Guides",
    "Brownies",
    "Cubs",
    "Rotary",
    "Lions",
    "Legion",
    "Institute",
    "Guild",
    "Collective",
    "Cooperative",
    "Co-op",
];

pub fn is_organisation_noun(word: &str) -> bool {
    ORGANISATION_SET.contains(word)
}

/// The marker words of a decision: RESOLVED, AGREED, DECISION ...
pub fn is_decision_word(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "resolved" | "agreed" | "decided" | "decision" | "decisions" | "recommended" | "approved"
    )
}

/// Verbs that make a "That ..." sentence a decision: "That Committee notes".
const DECISION_VERBS: &[&str] = &[
    "note",
    "agree",
    "approve",
    "endorse",
    "adopt",
    "accept",
    "refer",
    "recommend",
    "delegate",
    "authorise",
    "authorize",
    "instruct",
    "request",
    "ask",
    "welcome",
    "resolve",
    "support",
    "consider",
    "confirm",
    "receive",
    "appoint",
    "elect",
    "grant",
    "reject",
    "defer",
    "decline",
    "comment",
    "scrutinise",
    "scrutinize",
    "commend",
    "thank",
    "provide",
    "review",
    "agreed",
    "approved",
    "nominate",
    "co-opt",
    "continue",
    "establish",
    "allocate",
    "award",
    "set",
    "ratify",
    "amend",
    "proceed",
    "submit",
    "write",
    "seek",
    "invite",
    "instructs",
    "determine",
    "refuse",
    "withdraw",
    "mandate",
    "commission",
    "release",
    "report",
    "raise",
    "bring",
    "consult",
    "prepare",
    "explore",
    "investigate",
    "arrange",
    "monitor",
    "publish",
    "circulate",
    "contact",
    "obtain",
    "apply",
    "purchase",
    "replace",
    "repair",
    "install",
    "pay",
    "spend",
    "object",
];

/// Whether `word` is a form of a decision verb: notes, noted, approves ...
pub fn is_decision_verb(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    DECISION_VERBS.iter().any(|verb| {
        lower == *verb
            || lower.strip_suffix('s').is_some_and(|stem| stem == *verb)
            || lower.strip_suffix("es").is_some_and(|stem| stem == *verb)
            || lower
                .strip_suffix("ed")
                .is_some_and(|stem| stem == *verb || format!("{stem}e") == *verb)
            || lower.strip_suffix('d').is_some_and(|stem| stem == *verb)
            || lower.strip_suffix("red").is_some_and(|stem| stem == *verb)
    })
}

/// Nouns naming the body that decides: "That Committee notes".
pub fn is_deciding_body(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "committee"
            | "council"
            | "cabinet"
            | "board"
            | "panel"
            | "members"
            | "authority"
            | "governors"
            | "meeting"
            | "sub-committee"
            | "subcommittee"
            | "forum"
            | "executive"
            | "group"
            | "partnership"
            | "trust"
            | "commission"
            | "convention"
            | "body"
            | "it"
            | "they"
            | "we"
            | "officers"
            | "clerk"
            | "chair"
            | "chairman"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_verbs_are_found_whatever_their_case() {
        // The lookup lower-cases on a stack buffer of 16 bytes.
        assert!(SPEECH_VERBS
            .iter()
            .all(|verb| verb.len() <= 16 && *verb == verb.to_ascii_lowercase()));
        for word in ["presented", "Presented", "EXPLAINED", "acknowledged"] {
            assert!(is_speech_verb(word), "{word}");
        }
        for word in ["present", "presentedly", "", "é", "Councillor"] {
            assert!(!is_speech_verb(word), "{word}");
        }
    }
}
