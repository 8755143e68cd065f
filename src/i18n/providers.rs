//! The service providers' assessment in words: complaint causes, peak events, what a statement line is, the
//! de-duplication rules with their clauses, the bad-review rule and a rate.
//!
//! Must not: decide anything (the domain's `provider_*` and `penalties` modules do).

use super::Lang;
use crate::domain::money::Fen;
use crate::domain::penalties::{BadReviewRule, RateBand};
use crate::domain::provider_inputs::{
    ColumnRole, ComplaintCause, InputKind, PeakEvent, ReviewedWork, Skipped,
};
use crate::domain::provider_reviews::Rule;
use crate::domain::provider_statement::Item;
use crate::domain::ratio::Ratio;
use crate::platform_csv::CsvProblem;

pub fn cause_name(lang: Lang, cause: ComplaintCause) -> &'static str {
    match cause {
        ComplaintCause::Late => lang.pick("服务不及时", "Late service"),
        ComplaintCause::BreachOfRules => lang.pick("违反操作规范", "Breach of the operating rules"),
        ComplaintCause::PoorQuality => lang.pick("服务质量差", "Poor quality of service"),
        ComplaintCause::FeesNotShown => lang.pick("未出示收费标准", "Fee standard not shown"),
    }
}

pub fn peak_event_name(lang: Lang, event: &PeakEvent) -> String {
    match event {
        PeakEvent::June18 => "6.18".into(),
        PeakEvent::Double11 => lang.pick("双11", "Double 11").into(),
        PeakEvent::Other(name) => name.clone(),
    }
}

pub fn input_kind_name(lang: Lang, kind: InputKind) -> &'static str {
    match kind {
        InputKind::PlatformReview => lang.pick("平台差评", "Platform bad review"),
        InputKind::Complaint => lang.pick("投诉", "Complaint"),
        InputKind::PeakIncident => lang.pick("大促延误", "Peak-event incident"),
    }
}

pub fn reviewed_work_name(lang: Lang, work: ReviewedWork) -> &'static str {
    match work {
        ReviewedWork::Installation => lang.pick("安装", "Installation"),
        ReviewedWork::Repair => lang.pick("维修", "Repair"),
    }
}

/// A statement line's item: "差评（系统，1★）", "虚假用户信息", "投诉：服务质量差（情节严重）", "双11 人手不足".
pub fn item_text(lang: Lang, item: &Item) -> String {
    match item {
        Item::BadReview {
            from_platform,
            platform,
            stars,
        } => match (lang, from_platform) {
            (Lang::Zh, false) => format!("差评（系统回访，{stars}★）"),
            (Lang::En, false) => format!("Bad review (our survey, {stars}★)"),
            (Lang::Zh, true) => format!("差评（{platform}，{stars}★）"),
            (Lang::En, true) => format!("Bad review ({platform}, {stars}★)"),
        },
        Item::FalseRecord => lang
            .pick("虚假用户信息", "False customer information")
            .into(),
        Item::Complaint { cause, serious } => {
            let cause = cause_name(lang, *cause);
            match (lang, serious) {
                (Lang::Zh, true) => format!("投诉：{cause}（情节严重）"),
                (Lang::En, true) => format!("Complaint: {cause} (serious)"),
                (Lang::Zh, false) => format!("投诉：{cause}"),
                (Lang::En, false) => format!("Complaint: {cause}"),
            }
        }
        Item::PeakIncident { event } => match lang {
            Lang::Zh => format!("{} 人手不足致服务延误", peak_event_name(lang, event)),
            Lang::En => format!(
                "{}: understaffed, service late",
                peak_event_name(lang, event)
            ),
        },
    }
}

/// The clause of S18 an item is fined under.
pub fn item_clause(item: &Item) -> &'static str {
    match item {
        Item::BadReview { .. } => "2.1.5",
        Item::FalseRecord => "2.1.2",
        Item::Complaint { .. } => "2.1.6",
        Item::PeakIncident { .. } => "2.1.7",
    }
}

/// "2.1.3 线上线下重复的安装单，剔除线下".
pub fn rule_text(lang: Lang, rule: Rule) -> String {
    let text = match rule {
        Rule::NotAboutService => lang.pick(
            "网页差评明显针对非安装服务环节",
            "a platform review clearly about something other than the service",
        ),
        Rule::OfflineDuplicate => lang.pick(
            "同一安装单线上、线下重复，剔除线下",
            "an installation order both online and offline: the offline one dropped",
        ),
        Rule::SystemDuplicatedByPlatform => lang.pick(
            "系统差评与网页差评重复，以网页差评为准",
            "our survey's review duplicated by a platform's: the platform's counts",
        ),
        Rule::SameCustomerRepair => lang.pick(
            "同一用户（同号码同地址）的维修单只计一条",
            "repairs of the same customer (same phone and address): one counts",
        ),
        Rule::SameCustomerOnce => lang.pick(
            "同一用户本期多单只按一单考核",
            "the same customer's several orders in the period: assessed once",
        ),
    };
    format!("{} {text}", rule.clause())
}

/// A rate as a percentage with two decimals, rounded half up: "29.41%".
/// A correction confirmed after another tab or device issued a version meanwhile.
pub fn issued_meanwhile(lang: Lang, version: u32) -> String {
    match lang {
        Lang::Zh => format!("刚才另一处签发了第 {version} 版：请先查看它，再决定是否更正。"),
        Lang::En => format!(
            "Version {version} was just issued elsewhere: look at it first, then decide whether to correct it."
        ),
    }
}

/// Under the entry form's date: the provider's statement of that week or month is issued already.
pub fn issued_period_note(lang: Lang, period: &crate::domain::period::Period) -> String {
    let period = super::kpi::period_label(lang, period);
    match lang {
        Lang::Zh => format!(
            "该服务商 {period} 的结算单已签发：这一条保存后不会改变已签发的结算单，需要时在结算单上出具更正版。"
        ),
        Lang::En => format!(
            "This provider's statement of {period} is issued: saving this item does not change it; issue a correction on the statement if needed."
        ),
    }
}

/// The fines trend's title, naming its first and last period (the axis shows months without their year).
pub fn fines_trend_title(
    lang: Lang,
    first: &crate::domain::period::Period,
    last: &crate::domain::period::Period,
) -> String {
    let (first, last) = match first {
        // Weeks as the days they span: "2026-09-14 – 2026-12-06".
        crate::domain::period::Period::Week { .. } => {
            (first.first_day().to_string(), last.last_day().to_string())
        }
        _ => (
            super::kpi::period_label(lang, first),
            super::kpi::period_label(lang, last),
        ),
    };
    match lang {
        Lang::Zh => format!("负激励金额趋势（元）：{first} – {last}"),
        Lang::En => format!("Fines (yuan): {first} – {last}"),
    }
}

/// A fine as a chart's dot shows it: whole yuan with thousands separated when it is (fines mostly are), else to
/// the fen.
pub fn fine_on_chart(fine: Fen) -> String {
    let text = fine.to_string().replace('¥', "");
    text.strip_suffix(".00").unwrap_or(&text).to_string()
}

pub fn rate_text(rate: Option<Ratio>) -> String {
    match rate {
        None => "—".into(),
        Some(rate) => {
            let basis_points = rate.scaled(10_000);
            format!("{}.{:02}%", basis_points / 100, basis_points % 100)
        }
    }
}

/// "2.50%".
pub fn basis_points_text(basis_points: u32) -> String {
    format!("{}.{:02}%", basis_points / 100, basis_points % 100)
}

/// The year's bad-review rule in one line.
pub fn bad_review_rule_text(lang: Lang, rule: &BadReviewRule) -> String {
    match rule {
        BadReviewRule::Unset => lang
            .pick(
                "未设定（差评照常统计，不计金额）",
                "Not set (bad reviews counted, not fined)",
            )
            .into(),
        BadReviewRule::PerReview(amount) => match lang {
            Lang::Zh => format!("每条计入的差评 {amount}"),
            Lang::En => format!("{amount} per counted bad review"),
        },
        BadReviewRule::RateBands(bands) => bands
            .iter()
            .map(|band| band_text(lang, band))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; ")),
    }
}

/// "差评率 > 2.00%：每条 200 元".
pub fn band_text(lang: Lang, band: &RateBand) -> String {
    let rate = basis_points_text(band.above_basis_points);
    match lang {
        Lang::Zh => format!("差评率 > {rate}：每条 {}", band.per_review),
        Lang::En => format!("rate > {rate}: {} per review", band.per_review),
    }
}

/// How a counted bad review was priced, for the statement's summary.
pub fn priced_text(lang: Lang, rule: &BadReviewRule, band: Option<&RateBand>) -> String {
    match (rule, band) {
        (BadReviewRule::RateBands(_), Some(band)) => band_text(lang, band),
        (BadReviewRule::RateBands(_), None) => lang
            .pick(
                "差评率未超过最低一档：不计金额",
                "The rate is not above the lowest band: no fine",
            )
            .into(),
        (rule, _) => bad_review_rule_text(lang, rule),
    }
}

pub fn column_role_name(lang: Lang, role: ColumnRole) -> &'static str {
    match role {
        ColumnRole::OrderNumber => lang.pick("订单号", "Order no."),
        ColumnRole::Phone => lang.pick("手机 / 电话", "Phone"),
        ColumnRole::Address => lang.pick("收货地址", "Address"),
        ColumnRole::Stars => lang.pick("星级", "Stars"),
        ColumnRole::Text => lang.pick("评价内容", "Review text"),
        ColumnRole::Date => lang.pick("评价日期", "Date"),
    }
}

/// Why a platform's file gives no rows.
pub fn csv_problem_text(lang: Lang, problem: &CsvProblem) -> String {
    match (problem, lang) {
        (CsvProblem::FileGone, _) => lang
            .pick(
                "无法读取这个文件：选择之后它被修改、移走或删除了。请重新选择文件。",
                "The file cannot be read: it was changed, moved or deleted after it was chosen. Choose it again.",
            )
            .into(),
        (CsvProblem::Empty, _) => lang
            .pick("文件是空的：没有表头，也没有评价。", "The file is empty: no header, no reviews.")
            .into(),
        (CsvProblem::TooLarge { bytes, max }, Lang::Zh) => format!(
            "文件有 {} MB，超过上限 {} MB：平台一个月的差评导出通常只有几十 KB。请确认选对了文件，或按周 / 按月分别导出。",
            bytes.div_ceil(1024 * 1024),
            max / 1024 / 1024
        ),
        (CsvProblem::TooLarge { bytes, max }, Lang::En) => format!(
            "The file is {} MB, over the limit of {} MB: a platform's month of bad reviews is usually tens of KB. Check it is the right file, or export a week or a month at a time.",
            bytes.div_ceil(1024 * 1024),
            max / 1024 / 1024
        ),
        (CsvProblem::NotText, _) => lang
            .pick(
                "这不是 CSV 文本文件（可能是 Excel 工作簿或图片）：请在平台后台选择“导出 CSV”，或在 Excel 中“另存为 CSV”。",
                "This is not a CSV text file (perhaps an Excel workbook or a picture): export CSV from the platform, or save as CSV in Excel.",
            )
            .into(),
        (CsvProblem::UnknownEncoding, _) => lang
            .pick(
                "文件的编码无法识别（既不是 UTF-8，也不是 GBK）：请在 Excel 中“另存为 CSV UTF-8”后再导入。",
                "The file's encoding is not recognised (neither UTF-8 nor GBK): save it as \"CSV UTF-8\" in Excel and import that.",
            )
            .into(),
        (CsvProblem::NoRows, _) => lang
            .pick("文件只有表头，没有评价。", "The file has a header and no reviews.")
            .into(),
        (CsvProblem::TooManyRows { max }, Lang::Zh) => {
            format!("文件超过 {max} 行：请按周或按月分别导出。")
        }
        (CsvProblem::TooManyRows { max }, Lang::En) => {
            format!("The file has more than {max} rows: export a week or a month at a time.")
        }
        (CsvProblem::Unreadable { line, reason }, Lang::Zh) => {
            format!("第 {line} 行无法读取（{reason}），没有导入任何内容。")
        }
        (CsvProblem::Unreadable { line, reason }, Lang::En) => {
            format!("Line {line} cannot be read ({reason}); nothing was imported.")
        }
    }
}

/// Why a row is not imported.
pub fn skipped_text(lang: Lang, skipped: &Skipped) -> String {
    match (skipped, lang) {
        (Skipped::Misshapen { cells, expected }, Lang::Zh) => {
            format!("格式不对：这一行有 {cells} 列，表头有 {expected} 列（可能是未加引号的逗号）")
        }
        (Skipped::Misshapen { cells, expected }, Lang::En) => format!(
            "Malformed: {cells} cells where the header has {expected} (perhaps an unquoted comma)"
        ),
        (Skipped::Invalid(problems), _) => problems
            .iter()
            .map(|(role, problem)| {
                super::labelled(
                    lang,
                    column_role_name(lang, *role),
                    &super::problem(lang, problem),
                )
            })
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; ")),
        (Skipped::NoTicket, _) => lang
            .pick(
                "找不到工单：没有这个订单号，也没有同电话同地址的工单",
                "No ticket: none has this order number, nor this phone and address",
            )
            .into(),
        (Skipped::Ambiguous { count }, Lang::Zh) => {
            format!("无法确定工单：有 {count} 张同电话同地址的工单，且订单号对不上（可手工录入）")
        }
        (Skipped::Ambiguous { count }, Lang::En) => format!(
            "Which ticket is unclear: {count} tickets share this phone and address and none the order number (enter it by hand)"
        ),
        (Skipped::NotAProvidersTicket, _) => lang
            .pick(
                "这张工单不是服务商的工程师处理的",
                "The ticket was not worked by a provider's engineer",
            )
            .into(),
        (Skipped::AlreadyImported { platform }, Lang::Zh) => {
            format!("已导入过（本机已有同一条评价，平台记为“{platform}”）")
        }
        (Skipped::AlreadyImported { platform }, Lang::En) => {
            format!(
                "Imported before (this review is stored already, under the platform \"{platform}\")"
            )
        }
        (Skipped::RepeatedInFile { line }, Lang::Zh) => format!("与第 {line} 行重复"),
        (Skipped::RepeatedInFile { line }, Lang::En) => format!("The same as line {line}"),
    }
}

/// " · 非服务原因：reason" after a review in the entry list.
pub fn not_about_service_mark(lang: Lang, reason: &str) -> String {
    format!(
        " · {}",
        super::labelled(lang, super::Key::NotAboutService.text(lang), reason)
    )
}

/// "第 2 版" / "Version 2".
pub fn version_label(lang: Lang, version: u32) -> String {
    match lang {
        Lang::Zh => format!("第 {version} 版"),
        Lang::En => format!("Version {version}"),
    }
}

/// An issued statement's status: its version, who issued it and when, and whether a later version corrects it.
pub fn issued_status(
    lang: Lang,
    version: u32,
    issuer: &str,
    when: &str,
    corrected: bool,
) -> String {
    let version = version_label(lang, version);
    match lang {
        Lang::Zh => format!(
            "{version}，{issuer} 于 {when} 签发{}",
            if corrected { "（已被更正）" } else { "" }
        ),
        Lang::En => format!(
            "{version} issued by {issuer} on {when}{}",
            if corrected { " (corrected since)" } else { "" }
        ),
    }
}

/// What a correction corrects, and why.
pub fn corrects_text(lang: Lang, corrected_version: u32, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("更正第 {corrected_version} 版：{reason}"),
        Lang::En => format!("Corrects version {corrected_version}: {reason}"),
    }
}

/// The total an issue would sign, beside the version in force if there is one.
pub fn confirm_total(lang: Lang, total: Fen, in_force: Option<Fen>) -> String {
    match (lang, in_force) {
        (Lang::Zh, Some(before)) => format!("签发后合计 {total}（现行版本为 {before}）"),
        (Lang::En, Some(before)) => {
            format!("Total once issued: {total} (the version in force: {before})")
        }
        (Lang::Zh, None) => format!("合计 {total}"),
        (Lang::En, None) => format!("Total {total}"),
    }
}

pub fn imported_text(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("已导入 {count} 条平台差评。"),
        Lang::En => format!(
            "{count} platform review{} imported.",
            if count == 1 { "" } else { "s" }
        ),
    }
}

pub fn import_button_text(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("导入 {count} 条"),
        Lang::En => format!("Import {count}"),
    }
}

/// "文件编码：GBK；12 行。"
pub fn file_summary(lang: Lang, encoding: &str, rows: usize) -> String {
    match lang {
        Lang::Zh => format!("文件编码：{encoding}；{rows} 行。"),
        Lang::En => format!("Encoding: {encoding}; {rows} rows."),
    }
}

/// A column of the file as the mapping offers it: its header and the first row's value.
/// Platforms the import offers by name (besides those this device has imported from or stored reviews of), so one
/// platform is not imported under two names.
pub const COMMON_PLATFORMS: [&str; 6] = ["京东", "天猫", "淘宝", "拼多多", "抖音", "苏宁易购"];

pub fn column_option(lang: Lang, header: &str, example: &str) -> String {
    let example = example.trim();
    match (lang, example.is_empty()) {
        (_, true) => header.to_string(),
        (Lang::Zh, false) => format!("{header}（{example}）"),
        (Lang::En, false) => format!("{header} ({example})"),
    }
}

pub fn preview_counts(lang: Lang, ready: usize, skipped: usize) -> String {
    match lang {
        Lang::Zh => format!("可导入 {ready} 条；不导入 {skipped} 条（原因见下）。"),
        Lang::En => format!("{ready} to import; {skipped} not imported (why below)."),
    }
}
