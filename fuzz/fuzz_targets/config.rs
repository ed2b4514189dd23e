//! clerk.toml from arbitrary text: reading it, and the two edits the
//! language server offers (a glossary entry, a person in the register),
//! whose result must itself be a clerk.toml that can be read and edited.
#![no_main]

use clerk::config::{add_glossary_entry, add_registered_person, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, mut steer) = clerk_fuzz::split(data);
    let text = text.as_ref();
    let abbreviation: String = steer.arbitrary().unwrap_or_else(|_| "DfE".to_owned());
    let expansion: String = steer
        .arbitrary()
        .unwrap_or_else(|_| "Department for Education".to_owned());
    let name: String = steer
        .arbitrary()
        .unwrap_or_else(|_| "Ada Okafor".to_owned());
    let role: Option<String> = steer.arbitrary().unwrap_or(None);
    let aliases: Vec<String> = steer.arbitrary().unwrap_or_default();

    let _ = parse(text);
    if let Ok(edited) = add_glossary_entry(text, &abbreviation, &expansion) {
        // An edit leaves a file that can be read and edited again.
        let _ = parse(&edited);
        add_glossary_entry(&edited, "CEO", "Chief Executive Officer").expect("edited twice");
    }
    if let Ok(edited) = add_registered_person(text, &name, role.as_deref(), &aliases) {
        let _ = parse(&edited);
        add_registered_person(&edited, "Jo Bloggs", None, &[]).expect("edited twice");
    }
});
