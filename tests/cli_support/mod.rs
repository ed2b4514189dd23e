//! What a run of the `clerk` binary left behind, and the findings in its
//! JSON report, for the command-line tests.
#![allow(dead_code)]

use serde_json::Value;

/// What a run of `clerk` left behind.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("not JSON ({error}):\n{}", self.stdout))
    }

    /// (path, code, line, column) of every finding in a JSON report.
    pub fn findings(&self) -> Vec<(String, String, u64, u64)> {
        self.json()
            .as_array()
            .expect("a JSON list")
            .iter()
            .map(|finding| {
                (
                    finding["path"].as_str().unwrap().to_owned(),
                    finding["code"].as_str().unwrap().to_owned(),
                    finding["range"]["start"]["line"].as_u64().unwrap(),
                    finding["range"]["start"]["column"].as_u64().unwrap(),
                )
            })
            .collect()
    }

    /// The codes found, in order.
    pub fn codes(&self) -> Vec<String> {
        self.findings()
            .into_iter()
            .map(|(_, code, _, _)| code)
            .collect()
    }
}
