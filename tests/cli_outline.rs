//! `clerk outline` over several files and folders, as `clerk check` takes
//! them: each file's outline in turn, folders searched for minutes, and a
//! file that cannot be read told without losing the others.

mod cli_support;
use cli_support::{clerk, fixture_copy};

const FEBRUARY: &str = "minutes/2024-02-12.txt\n \
 1  LITTLE WENHAM PARISH COUNCIL\n \
 4  Present  (4 named)\n \
 5  Apologies  (1 named)\n \
 7  1. Minutes of the last meeting  (minute 1)\n\
10  2. Highways  (minute 2)\n\
13    RESOLVED  (2 resolutions)\n\
14      That the Clerk write to the county council …\n\
15      That the speed survey be put on the …\n";

const MARCH_HEAD: &str = "minutes/2024-03-11.txt\n \
 1  Agenda and minutes\n \
 5  1. Declarations of interest  (minute 1)\n";

const JANUARY_HEAD: &str = "minutes/2024-01-15.md\n \
 6  Little Wenham Parish Council\n\
10  Present  (3 named)\n";

#[test]
fn outline_takes_several_files_one_after_another() {
    let repository = fixture_copy("repository");
    let run = clerk(
        repository.path(),
        &[
            "outline",
            "minutes/2024-02-12.txt",
            "minutes/2024-03-11.txt",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(&format!("{FEBRUARY}\n{MARCH_HEAD}")),
        "{}",
        run.stdout
    );
}

#[test]
fn outline_searches_a_folder_for_minutes_only() {
    let repository = fixture_copy("repository");
    let run = clerk(repository.path(), &["outline"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: Vec<&str> = run
        .stdout
        .split("\n\n")
        .map(|block| block.lines().next().unwrap())
        .collect();
    // The README, the changelog and the guide are passed over.
    assert_eq!(
        files,
        [
            "minutes/2024-01-15.md",
            "minutes/2024-02-12.txt",
            "minutes/2024-03-11.txt"
        ]
    );
    assert!(run.stdout.starts_with(JANUARY_HEAD), "{}", run.stdout);
    let all = clerk(repository.path(), &["outline", "--all-files", "docs"]);
    assert!(all.stdout.starts_with("docs/guide.md\n"), "{}", all.stdout);
}

#[test]
fn outline_json_of_several_files_names_each() {
    let repository = fixture_copy("repository");
    let run = clerk(
        repository.path(),
        &["outline", "--format", "json", "minutes"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let outlines = json.as_array().unwrap();
    let paths: Vec<&str> = outlines
        .iter()
        .map(|outline| outline["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "minutes/2024-01-15.md",
            "minutes/2024-02-12.txt",
            "minutes/2024-03-11.txt"
        ]
    );
    let february = &outlines[1]["outline"];
    assert_eq!(february[0]["kind"], "meeting");
    assert_eq!(february[0]["name"], "LITTLE WENHAM PARISH COUNCIL");

    // One file named alone keeps the shape it always had: its nodes.
    let one = clerk(
        repository.path(),
        &["outline", "--format", "json", "minutes/2024-02-12.txt"],
    );
    assert_eq!(one.json(), *february);
}

#[test]
fn outline_tells_of_a_file_it_cannot_read_and_outlines_the_rest() {
    let repository = fixture_copy("repository");
    std::fs::write(repository.path().join("minutes/scan.txt"), b"\x00\x01").unwrap();
    let run = clerk(
        repository.path(),
        &[
            "outline",
            "minutes/scan.txt",
            "nowhere.txt",
            "minutes/2024-02-12.txt",
        ],
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, FEBRUARY);
    assert_eq!(
        run.stderr,
        "clerk: nowhere.txt: no such file or folder\n\
         clerk: minutes/scan.txt: looks like a binary file (a word-processor document, a PDF or \
         an image), not text; save the minutes as plain text and check again\n"
    );
}
