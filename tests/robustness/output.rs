//! Output that can harm: terminal control characters, spreadsheet formulas, closed pipes.
