//! `clerk init`: writes a clerk.toml with every setting in it, commented
//! out with a line on each, and never over a clerk.toml that is there.

use super::files::plain_io_error;
use super::output::{error_line, untrusted};
use super::{InitArgs, Outcome};
use crate::config::CONFIG_FILE_NAME;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The commented clerk.toml, kept beside the shipped lists.
const TEMPLATE: &str = include_str!("../config/data/init.toml");

pub(crate) fn run(args: &InitArgs) -> Outcome {
    let folder = args.folder.clone().unwrap_or_else(|| PathBuf::from("."));
    let path = if folder == Path::new(".") {
        PathBuf::from(CONFIG_FILE_NAME)
    } else {
        folder.join(CONFIG_FILE_NAME)
    };
    let shown = untrusted(&path.display().to_string());
    if !folder.is_dir() {
        anstream::eprintln!(
            "{}",
            error_line(&format!(
                "{}: no such folder; make it first, or name a folder that is there",
                folder.display()
            ))
        );
        return Outcome::Failed;
    }
    match write_new(&folder, &path) {
        Ok(()) => {
            let _ = writeln!(
                std::io::stdout(),
                "Wrote {shown}: every setting is in it, commented out; remove the \"# \" \
                 before a setting (and its [table]) to use it."
            );
            Outcome::Clean
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            anstream::eprintln!("{}", error_line(&already_there(&path)));
            Outcome::Failed
        }
        Err(error) => {
            anstream::eprintln!(
                "{}",
                error_line(&format!(
                    "{}: could not be written: {}",
                    path.display(),
                    plain_io_error(&error)
                ))
            );
            Outcome::Failed
        }
    }
}

fn already_there(path: &Path) -> String {
    format!(
        "{} is already there; clerk init leaves it as it is (move it aside first to start afresh)",
        path.display()
    )
}

/// Writes the template to `path` in one step, and only if nothing of that
/// name is there, even a folder or a link to nothing: the whole text goes
/// to a new file beside it, which is then given the name in a way that
/// fails, rather than replaces, when the name is taken meanwhile.
fn write_new(folder: &Path, path: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists));
    }
    let mut temporary = tempfile::Builder::new()
        .prefix(".clerk-init-")
        .tempfile_in(folder)?;
    temporary.write_all(TEMPLATE.as_bytes())?;
    // A settings file is read by everyone who checks the minutes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temporary
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    temporary.as_file().sync_all()?;
    temporary
        .persist_noclobber(path)
        .map(drop)
        .map_err(|error| error.error)
}
