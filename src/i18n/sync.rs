//! Words for moving data by files: why a file cannot be read, the kinds of record, the fields a conflict names,
//! why a record was refused, what a selection holds, and a line of the import audit.
//!
//! Owns: only wording. Must not: decide anything (that is `sync` and `domain::import`).

use super::Lang;
use crate::domain::import::Refusing;
use crate::sync::format::FileProblem;
use crate::sync::work::{Progress, Stage};

/// Why a file cannot be imported, as the person choosing it should read it.
pub fn file_problem(lang: Lang, problem: &FileProblem) -> String {
    match problem {
        FileProblem::TooLarge { bytes } => match lang {
            Lang::Zh => format!("文件太大（{} MB），不是本程序的导出文件。", bytes / 1_048_576),
            Lang::En => format!("The file is too large ({} MB) to be an export of this app.", bytes / 1_048_576),
        },
        FileProblem::NotJson => lang
            .pick(
                "这不是导出文件：内容不是 JSON 文本（可能选错了文件，例如表格或图片）。",
                "This is not an export: its content is not JSON text (perhaps the wrong file, such as a spreadsheet or a picture).",
            )
            .into(),
        FileProblem::Truncated => lang
            .pick(
                "文件不完整：在中途截断了（可能复制或下载没有完成）。请重新导出或重新复制。",
                "The file is incomplete: it ends midway (a copy or download that did not finish). Export or copy it again.",
            )
            .into(),
        FileProblem::NotAnExport => lang
            .pick(
                "这不是本程序的导出文件（其他程序的 JSON 文件，或结构不对）。",
                "This is not an export of this app (another program's JSON, or not laid out as one).",
            )
            .into(),
        FileProblem::NewerVersion { found, supported } => match lang {
            Lang::Zh => format!(
                "这个文件来自较新版本的程序（格式版本 {found}，本程序支持到 {supported}）。请先更新本设备上的程序。"
            ),
            Lang::En => format!(
                "This file comes from a newer version of the app (format {found}; this one reads up to {supported}). Update the app on this device first."
            ),
        },
        FileProblem::Checksum => lang
            .pick(
                "文件内容与其校验值不符：导出后被修改或已损坏。未导入任何内容。",
                "The file's content does not match its checksum: it was changed or damaged after export. Nothing was imported.",
            )
            .into(),
        FileProblem::Encrypted => lang
            .pick(
                "这个文件已加密：请输入导出时设置的口令。",
                "This file is encrypted: enter the passphrase it was exported with.",
            )
            .into(),
        FileProblem::WrongPassphrase => lang
            .pick("口令不正确，请重新输入。", "The passphrase is wrong. Try again.")
            .into(),
        FileProblem::UnknownKind { index, kind } => match lang {
            Lang::Zh => format!(
                "第 {} 条记录的类型“{kind}”本程序不认识（可能来自较新版本）。未导入任何内容。",
                index + 1
            ),
            Lang::En => format!(
                "Record {} is of a kind this app does not know (“{kind}”; perhaps from a newer version). Nothing was imported.",
                index + 1
            ),
        },
        FileProblem::RemovesEveryUser => lang
            .pick(
                "导入这个文件会删除本机的全部用户，之后谁也无法登录，因此未导入。",
                "Importing this file would delete every user here, and nobody could sign in again; nothing was imported.",
            )
            .into(),
        FileProblem::BadRecord { index, kind, reason } => match lang {
            Lang::Zh => format!(
                "第 {} 条记录（{}）无法读取：{reason}。未导入任何内容。",
                index + 1,
                kind_name(lang, kind)
            ),
            Lang::En => format!(
                "Record {} ({}) cannot be read: {reason}. Nothing was imported.",
                index + 1,
                kind_name(lang, kind)
            ),
        },
    }
}

/// A kind of record (`domain::dataset::KINDS`) by name.
pub fn kind_name(lang: Lang, kind: &str) -> String {
    let (zh, en) = match kind {
        "unit" => ("组织单位", "Units"),
        "staff" => ("人员", "Staff"),
        "provider" => ("服务商", "Providers"),
        "user" => ("用户", "Users"),
        "settings" => ("服务设置", "Service settings"),
        "survey" => ("问卷设置", "Survey settings"),
        "ticket_event" => ("工单事件", "Ticket events"),
        "sales" => ("销量", "Units sold"),
        "cost" => ("成本", "Costs"),
        "training" => ("培训", "Training"),
        "kpi_settings" => ("指标目标", "KPI targets"),
        "scheme" => ("考核方案", "Schemes"),
        "cycle" => ("考核周期", "Cycles"),
        "assessment_event" => ("考核记录", "Assessment records"),
        "provider_input" => ("服务商考评记录", "Provider reviews and complaints"),
        "penalty_rules" => ("负激励规则", "Penalty rules"),
        "statement" => ("服务商结算单", "Provider statements"),
        "checklist" => ("标准检查表", "Standards checklist"),
        "self_assessment" => ("标准自评", "Self-assessments"),
        "audit" => ("抽查", "Sampling audits"),
        "corrective_action" => ("整改措施", "Corrective actions"),
        "period_report" => ("期间报告", "Period reports"),
        other => return other.to_string(),
    };
    lang.pick(zh, en).to_string()
}

/// A record's field (`Fields::NAMES`) by name, where it is one people know; else as stored.
pub fn field_name(lang: Lang, field: &str) -> String {
    let (zh, en) = match field {
        "name" => ("名称", "name"),
        "phone" => ("电话", "phone"),
        "contact" => ("联系人", "contact"),
        "region" => ("区域", "region"),
        "number" => ("工号", "staff number"),
        "position" => ("岗位", "position"),
        "affiliation" => ("所属单位", "unit or provider"),
        "superior" => ("直接上级", "direct superior"),
        "employment" => ("用工状态", "employment"),
        "certificates" => ("证书", "certificates"),
        "role" => ("角色", "role"),
        "staff" => ("关联人员", "staff member"),
        "pin" => ("PIN", "PIN"),
        "kind" => ("类型", "kind"),
        "parent" => ("上级单位", "parent unit"),
        "calendar" => ("工作日历", "business calendar"),
        "policy" => ("服务时限", "service levels"),
        "warranty_months" => ("保修期", "warranty term"),
        "price_list" => ("价格表", "price list"),
        "retention_months" => ("个人信息保留期", "retention period"),
        "template" => ("问卷", "survey"),
        "second_response" => ("重复评价", "second response"),
        "targets" => ("目标值", "targets"),
        "industry" => ("行业平均", "industry averages"),
        "amount" => ("金额", "amount"),
        "note" => ("备注", "note"),
        "title" => ("标题", "title"),
        "indicators" => ("指标表", "indicator sheet"),
        "outcomes" => ("结果应用", "outcomes"),
        crate::domain::dataset::DELETED => (
            "整条记录：已被删除（选“保留对方的修改”则保持删除，您的修改不保存；选“用我的修改”则恢复此记录并保存您的修改）",
            "the whole record: deleted (Keep theirs: it stays deleted and your changes are not saved; Keep my changes: it is restored with them)",
        ),
        other => return other.to_string(),
    };
    lang.pick(zh, en).to_string()
}

/// A field another window or device changed while a form was open, with the form's value and the value it holds
/// now where they are texts.
pub fn underneath_line(
    lang: Lang,
    field: &str,
    mine: Option<&str>,
    theirs: Option<&str>,
) -> String {
    // The line opens with the field's name: capitalised in English.
    let name = match (lang, field_name(lang, field)) {
        (Lang::En, name) => {
            let mut letters = name.chars();
            letters
                .next()
                .map(|first| first.to_uppercase().chain(letters).collect())
                .unwrap_or_default()
        }
        (Lang::Zh, name) => name,
    };
    let quoted = |value: &str| match (lang, value) {
        (Lang::Zh, "") => "（空）".to_string(),
        (Lang::En, "") => "(empty)".to_string(),
        (_, value) => format!("“{value}”"),
    };
    match (mine, theirs) {
        (Some(mine), Some(theirs)) => match lang {
            Lang::Zh => format!("{name}：您填的是{}，现为{}", quoted(mine), quoted(theirs)),
            Lang::En => format!("{name}: yours {}, now {}", quoted(mine), quoted(theirs)),
        },
        _ => name,
    }
}

/// Why a record of a file was not imported.
pub fn refusing(lang: Lang, reason: Refusing) -> &'static str {
    match reason {
        Refusing::FromTheFuture => lang.pick(
            "时间比本机时钟晚一天以上（导出设备的时钟可能不对）",
            "dated more than a day after this device's clock (the exporting device's clock may be wrong)",
        ),
        Refusing::ClashingEvent => lang.pick(
            "与本机已有的另一条记录同一编号、内容不同",
            "has the id of a different record this device already holds",
        ),
    }
}

/// After an export: how many records the file holds.
pub fn exported(lang: Lang, records: u64) -> String {
    match lang {
        Lang::Zh => format!("已导出 {records} 条记录"),
        Lang::En => format!("Exported {records} records"),
    }
}

/// After an import: what it brought.
pub fn imported(lang: Lang, new: u64, updated: u64, conflicting: u64) -> String {
    match lang {
        Lang::Zh => format!("已导入：新增 {new}，更新 {updated}，冲突 {conflicting}"),
        Lang::En => format!("Imported: {new} new, {updated} updated, {conflicting} in conflict"),
    }
}

/// Where a file comes from, as its header says.
pub fn import_origin(
    lang: Lang,
    device: &str,
    exported_at: &str,
    by: &str,
    selection: &str,
    encrypted: bool,
) -> String {
    match (lang, encrypted) {
        (Lang::Zh, false) => {
            format!("来自“{device}”，{by} 于 {exported_at} 导出；范围：{selection}。")
        }
        (Lang::Zh, true) => {
            format!("来自“{device}”，{by} 于 {exported_at} 导出；范围：{selection}；已加密。")
        }
        (Lang::En, false) => {
            format!("From “{device}”, exported by {by} at {exported_at}; {selection}.")
        }
        (Lang::En, true) => {
            format!("From “{device}”, exported by {by} at {exported_at}; {selection}; encrypted.")
        }
    }
}

/// A record the import leaves out, and why.
pub fn refused_line(lang: Lang, index: usize, kind: &str, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("第 {} 条（{kind}）：{reason}", index + 1),
        Lang::En => format!("Record {} ({kind}): {reason}", index + 1),
    }
}

/// The records not imported beyond those listed: how many.
pub fn more_not_listed(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {count} 条未列出"),
        Lang::En => format!("… and {count} more, not listed"),
    }
}

/// Two devices changed the same field of a record: which record, which field.
pub fn field_conflict(lang: Lang, kind: &str, label: &str, field: &str) -> String {
    match (lang, label.is_empty()) {
        (Lang::Zh, false) => format!("{kind}“{label}”的{field}在两台设备上都被修改"),
        (Lang::Zh, true) => format!("{kind}的{field}在两台设备上都被修改"),
        (Lang::En, false) => format!("{kind} · “{label}”: the {field} was changed on two devices"),
        (Lang::En, true) => format!("{kind}: the {field} was changed on two devices"),
    }
}

/// One of a field conflict's two values, with when and where it was written (`here`: on this device; else the
/// writing device's short id).
pub fn conflict_value(lang: Lang, value: &str, at: &str, here: bool, device: &str) -> String {
    match (lang, here) {
        (Lang::Zh, true) => format!("{value}（本机 {at} 修改）"),
        (Lang::Zh, false) => format!("{value}（设备 {device} {at} 修改）"),
        (Lang::En, true) => format!("{value} (changed here {at})"),
        (Lang::En, false) => format!("{value} (changed on device {device} {at})"),
    }
}

/// A ticket event that does not fit where the merged history puts it.
pub fn ticket_conflict(lang: Lang, ticket: &str, at: &str, refusal: &str) -> String {
    match lang {
        Lang::Zh => format!("工单“{ticket}”：{at} 的记录保留在时间线中，但未生效——{refusal}"),
        Lang::En => format!(
            "Ticket “{ticket}”: the entry of {at} is kept in the timeline but not applied — {refusal}"
        ),
    }
}

/// A line of the import audit.
#[allow(clippy::too_many_arguments)]
pub fn audit_imported(
    lang: Lang,
    file: &str,
    device: &str,
    exported_at: &str,
    new: u64,
    updated: u64,
    conflicting: u64,
    refused: u64,
) -> String {
    match lang {
        Lang::Zh => format!(
            "导入“{file}”（来自“{device}”，{exported_at} 导出）：新增 {new}，更新 {updated}，冲突 {conflicting}，未导入 {refused}"
        ),
        Lang::En => format!(
            "Imported “{file}” (from “{device}”, exported {exported_at}): {new} new, {updated} updated, {conflicting} in conflict, {refused} not imported"
        ),
    }
}

/// A line of the import audit: tickets anonymised under the retention period.
pub fn audit_anonymised(lang: Lang, tickets: u64) -> String {
    match lang {
        Lang::Zh => {
            format!("保留期满：{tickets} 张工单的客户个人信息已匿名化（上次导入前的备份一并删除）")
        }
        Lang::En => format!(
            "Retention period over: the customer's personal data of {tickets} tickets anonymised (and the backup from before the last import deleted)"
        ),
    }
}

/// The name a device has until its users give it one: "设备 1a2b" / "Device 1a2b".
pub fn default_device_name(lang: Lang, short_id: &str) -> String {
    format!("{} {short_id}", lang.pick("设备", "Device"))
}

/// What saving an unreadable device's data saved.
pub fn salvaged(lang: Lang, records: u64, lost_parts: u64) -> String {
    match (lang, lost_parts) {
        (Lang::Zh, 0) => format!("已保存全部 {records} 条记录。"),
        (Lang::En, 0) => format!("All {records} records saved."),
        (Lang::Zh, lost) => format!("已保存 {records} 条记录；{lost} 个部分无法读出，未能保存。"),
        (Lang::En, lost) => {
            format!("{records} records saved; {lost} parts could not be read and were not saved.")
        }
    }
}

/// The banner over every screen while parts of the stored data are kept apart unread (`kept`, with `records_read`
/// records read from them up to their damage) or found missing (`missing`: their records are gone from this device;
/// restored by an import, which the user may make or must ask for: `can_import`).
pub fn quarantined(
    lang: Lang,
    kept: usize,
    missing: usize,
    records_read: u64,
    can_import: bool,
) -> String {
    // The records read from the damaged parts up to their damage, said only when there are some.
    let salvaged = match (lang, records_read) {
        (_, 0) => String::new(),
        (Lang::Zh, n) => format!("（其中 {n} 条取自受损部分）"),
        (Lang::En, n) => format!(" ({n} records of it from the damaged parts)"),
    };
    let kept = match (lang, kept) {
        (_, 0) => String::new(),
        (Lang::Zh, n) => format!(
            "本机数据中有 {n} 个部分无法读取（可能是存储损坏），已原样隔离保存，不会被覆盖。请把隔离的数据保存为文件交给技术支持。"
        ),
        (Lang::En, 1) => "1 part of this device's data cannot be read (damaged storage, perhaps); it is kept apart exactly as it was and never overwritten. Save it to a file for support. ".to_string(),
        (Lang::En, n) => format!(
            "{n} parts of this device's data cannot be read (damaged storage, perhaps); they are kept apart exactly as they were and never overwritten. Save them to a file for support. "
        ),
    };
    let who = match (lang, can_import) {
        (Lang::Zh, true) => "请",
        (Lang::Zh, false) => "请主管或管理员",
        (Lang::En, true) => "import",
        (Lang::En, false) => "ask a supervisor or an administrator to import",
    };
    let missing = match (lang, missing) {
        (_, 0) => String::new(),
        (Lang::Zh, n) => format!(
            "本机数据中有 {n} 个部分已丢失（存储被清理或损坏），其中的记录在本机已无法找回：{who}导入其他设备导出的文件或之前的备份把它们找回。"
        ),
        (Lang::En, n) => {
            let (parts, are, its) = match n {
                1 => ("1 part".to_string(), "is", "its"),
                n => (format!("{n} parts"), "are", "their"),
            };
            format!(
                "{parts} of this device's data {are} missing (cleared or damaged storage); {its} records cannot be found on this device: {who} another device's export or an earlier backup to restore them. "
            )
        }
    };
    match lang {
        Lang::Zh => format!("{kept}{missing}其余数据已正常打开{salvaged}。"),
        Lang::En => format!("{kept}{missing}Everything else opened{salvaged}."),
    }
}

/// How far a long job of the worker is (an import's preview or an export): its step, what it does, and how many
/// records of how many.
pub fn work_progress(lang: Lang, at: &Progress, steps: &[Stage]) -> String {
    let (step, steps) = at.stage.step_of(steps);
    let what = match at.stage {
        Stage::ReadingFile => lang.pick("读取并核对文件", "reading and checking the file"),
        Stage::ReadingDevice => lang.pick("读取本机数据", "reading this device's data"),
        Stage::Merging => lang.pick("合并", "merging"),
        Stage::Preparing => lang.pick("准备预览", "preparing the preview"),
        Stage::Selecting => lang.pick("选出要导出的记录", "choosing the records"),
        Stage::WritingFile => lang.pick("写入文件", "writing the file"),
        Stage::Sealing => lang.pick("计算校验值（及加密）", "checksum (and encryption)"),
    };
    let count = match at.total > 1 {
        true => match lang {
            Lang::Zh => format!("（{} / {} 条）", at.done, at.total),
            Lang::En => format!(" ({} of {} records)", at.done, at.total),
        },
        false => String::new(),
    };
    match lang {
        Lang::Zh => format!("第 {step}/{steps} 步：{what}{count}"),
        Lang::En => format!("Step {step} of {steps}: {what}{count}"),
    }
}
