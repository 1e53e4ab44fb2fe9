//! Where dealbook keeps its own files: the user's data folder (review marks of books it may not
//! write beside) and state folder (the explorer's last place, search history), from `etcetera`
//! (XDG on Linux, Apple and Windows conventions elsewhere), or from `DEALBOOK_DATA_DIR` and
//! `DEALBOOK_STATE_DIR`, which tests set so that they never touch the real home.

use etcetera::BaseStrategy;
use std::path::PathBuf;

/// dealbook's data folder: `$DEALBOOK_DATA_DIR`, else `dealbook` in the user's data folder
/// (`~/.local/share/dealbook` on Linux). `None` when there is no home to find it in.
pub fn data_dir() -> Option<PathBuf> {
    from_env("DEALBOOK_DATA_DIR").or_else(|| {
        etcetera::choose_base_strategy()
            .ok()
            .map(|s| s.data_dir().join("dealbook"))
    })
}

/// dealbook's state folder: `$DEALBOOK_STATE_DIR`, else `dealbook` in the user's state folder
/// (`~/.local/state/dealbook` on Linux; the data folder where there is no state folder).
pub fn state_dir() -> Option<PathBuf> {
    from_env("DEALBOOK_STATE_DIR").or_else(|| {
        etcetera::choose_base_strategy().ok().map(|s| {
            s.state_dir()
                .unwrap_or_else(|| s.data_dir())
                .join("dealbook")
        })
    })
}

fn from_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}
