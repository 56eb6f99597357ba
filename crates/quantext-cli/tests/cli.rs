//! The command line contract: JSON Lines with `source` (and `line`), per-file errors naming the
//! file and the byte offset while the other files go on, exit codes, output order with threads.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn quantext(args: &[&str], stdin: &[u8]) -> Output {
    quantext_with_env(args, stdin, &[])
}

/// [`quantext`] with extra environment variables.
fn quantext_with_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quantext"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is complete JSON"))
        .collect()
}

fn temp(name: &str, content: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quantext-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn parse_prints_one_json_line_or_a_caret_error() {
    let out = quantext(&["parse", "more than 27,000 pounds"], b"");
    assert!(out.status.success());
    let q = &lines(&out)[0];
    assert_eq!(q["lower"]["inclusive"], false);
    assert_eq!(q["unit"]["name"], "pound");
    let out = quantext(&["parse", "-5°C"], b"");
    assert!(
        out.status.success(),
        "a leading '-' is an expression, not an option"
    );
    let out = quantext(&["parse", "more than pounds"], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("at byte 10") && err.contains('^'), "{err}");
}

#[test]
fn extract_reads_stdin_and_adds_source_and_line() {
    let out = quantext(
        &["extract", "--lines"],
        b"no numbers here\nabout 4 million pills a day\n",
    );
    assert!(out.status.success());
    let qs = lines(&out);
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0]["source"], "-");
    assert_eq!(qs[0]["line"], 2);
    assert_eq!(qs[0]["start"], 0);
    assert_eq!(qs[0]["per"], "day");
}

#[test]
fn a_bad_file_does_not_stop_the_others() {
    let bad = temp("bad.txt", b"5 kg here \xff\xfe and 7 km\n");
    let good = temp("good.txt", b"More than 27,000 pounds were seized.\n");
    let missing = PathBuf::from("/nonexistent/quantext-missing.txt");
    let out = quantext(
        &[
            "extract",
            bad.to_str().unwrap(),
            missing.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(err.contains("bad.txt: invalid UTF-8 at byte 10"), "{err}");
    assert!(err.contains("quantext-missing.txt: cannot open"), "{err}");
    let texts: Vec<String> = lines(&out)
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["5 kg", "More than 27,000 pounds"]);
    // --fail-fast stops at the first failure.
    let out = quantext(
        &[
            "extract",
            "--fail-fast",
            missing.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(lines(&out).is_empty());
}

#[test]
fn output_order_and_offsets_do_not_depend_on_threads() {
    // Many paragraphs, so that several jobs are in flight.
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!(
            "Paragraph {i} says more than {} pounds.\n\n",
            i + 1
        ));
    }
    let path = temp("many.txt", text.as_bytes());
    let one = quantext(&["extract", "--threads", "1", path.to_str().unwrap()], b"");
    let four = quantext(&["extract", "--threads", "4", path.to_str().unwrap()], b"");
    assert!(one.status.success() && four.status.success());
    assert_eq!(one.stdout, four.stdout);
    let qs = lines(&four);
    assert_eq!(qs.len(), 20_000);
    for q in &qs {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], q["text"].as_str().unwrap());
    }
}

#[test]
fn csv_and_table_formats() {
    let out = quantext(
        &["extract", "--format", "csv"],
        b"It cost \"$5\", or 5 dollars.\n",
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv.lines();
    assert!(
        rows.next()
            .unwrap()
            .starts_with("source,line,start,end,text,kind,value")
    );
    assert_eq!(rows.count(), 2);
    let out = quantext(&["extract", "--format", "table"], b"over 54,000 pounds\n");
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.lines().nth(1).unwrap().contains("(54000, ∞)"),
        "{table}"
    );
}

#[test]
fn a_100_mb_line_is_read_whole() {
    // One line of 100 MB (no line break anywhere): read whole and extracted, the quantities at the
    // start, in the middle and at the end are found with their file offsets.
    let filler = "lorem ipsum dolor sit amet ".repeat(4_000_000); // 108 MB
    let text = format!("About 5 kg {filler}over 2,600 arrests {filler}nearly $340,000");
    let path = temp("long-line.txt", text.as_bytes());
    let out = quantext(&["extract", path.to_str().unwrap()], b"");
    assert!(out.status.success());
    let qs = lines(&out);
    let texts: Vec<&str> = qs.iter().map(|q| q["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        ["About 5 kg", "over 2,600 arrests", "nearly $340,000"]
    );
    let last = &qs[2];
    assert_eq!(last["end"].as_u64().unwrap() as usize, text.len());
    std::fs::remove_file(path).unwrap();
}

/// A panic inside the library (a bug) must not hang the pipeline or lose the other documents:
/// the document is named on stderr and the exit code is 3. The panic is injected by a hook that
/// exists only in debug builds (the binary `cargo test` builds).
#[test]
fn an_internal_error_names_the_document_and_the_rest_goes_on() {
    let run = |args: &[&str], input: &[u8]| {
        let env = [
            ("QUANTEXT_DEBUG_PANIC_ON", "BOOM"),
            ("RUST_BACKTRACE", "0"), // 3,000 symbolised backtraces would take minutes
        ];
        quantext_with_env(args, input, &env)
    };
    for threads in ["1", "2"] {
        let out = run(
            &["extract", "--lines", "--threads", threads],
            b"5 kg\nBOOM 7 kg\n9 kg\n",
        );
        assert_eq!(out.status.code(), Some(3), "threads {threads}");
        let err = String::from_utf8(out.stderr.clone()).unwrap();
        assert!(
            err.contains("quantext: -: internal error while extracting line 2"),
            "{err}"
        );
        let texts: Vec<_> = lines(&out).iter().map(|q| q["text"].clone()).collect();
        assert_eq!(texts, ["5 kg", "9 kg"], "threads {threads}");
    }
    // Every document failing (more jobs than the channels hold) still ends.
    let paragraph = format!("BOOM 3 kg{}\n\n", " and more words".repeat(70));
    let many = paragraph.repeat(3_000); // 3 MB: more than the bounded channels hold
    // From a file: written through stdin, 3 MB would deadlock against the child's full stderr pipe.
    let path = temp("all-fail.txt", many.as_bytes());
    let out = run(&["extract", "--threads", "2", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
}
