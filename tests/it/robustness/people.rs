//! The team never loses its last manager: nothing in the app could undo it.

use crate::common::Env;

#[test]
fn the_last_manager_cannot_leave_but_one_of_two_can() {
    let env = Env::new();
    env.init();
    let me = whoami::username();
    for to in [&["--to-pool"][..], &["--to", "ann"]] {
        let mut args = vec!["rep", "leave", me.as_str()];
        args.extend(to);
        let err = env.refuse(&args);
        assert!(err.contains("last manager"), "{err}");
    }
    env.run(&[
        "rep",
        "add",
        "--name",
        "Wang Fang",
        "--login",
        "wang.fang",
        "--role",
        "manager",
    ]);
    env.run(&["rep", "leave", me.as_str(), "--to-pool"]);
    let reps = env.run(&["rep", "list"]);
    assert!(reps.contains("wang.fang"), "{reps}");
}
