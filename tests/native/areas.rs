//! Which page a path belongs to (`Area::of_path`): the rule every server and the service worker follow. The
//! servers' copies of the rule (scripts/serve.py, public/sw.js) are held to the same table by the tidy check below.

use aftersales::ui::areas::{Area, PAGE_PATHS};
use expect_test::expect;

#[test]
fn each_path_belongs_to_one_page() {
    let rows: Vec<String> = [
        "/",
        "/tickets",
        "/tickets/0194f0e1-0000-7000-8000-000000000001",
        "/kpi/first_time_fix",
        "/surveys",
        "/survey",
        "/assessment",
        "/assessment/a/0194f0e1-0000-7000-8000-000000000001/print/result",
        "/assessments",
        "/org",
        "/org/staff/new",
        "/organisation",
        "/providers/0194f0e1-0000-7000-8000-000000000001",
        "/users",
        "/settings",
        "/settings/kpi",
        "/inputs/costs",
        "/inputsx",
    ]
    .iter()
    .map(|path| format!("{path:<72} {}", Area::of_path(path).html()))
    .collect();
    expect![[r#"
        /                                                                        index.html
        /tickets                                                                 index.html
        /tickets/0194f0e1-0000-7000-8000-000000000001                            index.html
        /kpi/first_time_fix                                                      index.html
        /surveys                                                                 index.html
        /survey                                                                  index.html
        /assessment                                                              assessment.html
        /assessment/a/0194f0e1-0000-7000-8000-000000000001/print/result          assessment.html
        /assessments                                                             index.html
        /org                                                                     admin.html
        /org/staff/new                                                           admin.html
        /organisation                                                            index.html
        /providers/0194f0e1-0000-7000-8000-000000000001                          admin.html
        /users                                                                   admin.html
        /settings                                                                admin.html
        /settings/kpi                                                            admin.html
        /inputs/costs                                                            admin.html
        /inputsx                                                                 index.html
    "#]]
    .assert_eq(&(rows.join("\n") + "\n"));
}

#[test]
fn the_servers_and_the_service_worker_hold_the_same_page_table() {
    // Both write it as one line, `PAGE_PATHS = {"/assessment": "assessment.html", …}` (a Python dict, a JS object).
    let pairs: Vec<String> = PAGE_PATHS
        .iter()
        .map(|(prefix, area)| format!("{prefix:?}: {:?}", area.html()))
        .collect();
    let table = format!("PAGE_PATHS = {{{}}}", pairs.join(", "));
    for file in ["scripts/serve.py", "public/sw.js"] {
        let text =
            std::fs::read_to_string(format!("{}/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(text.contains(&table), "{file} does not hold {table}");
    }
}
