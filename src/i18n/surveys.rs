//! Words for surveys: star ratings as text, aspect names, the three satisfaction levels, how a response came in, and why a receipt
//! code was not accepted.
//!
//! Owns: only wording. Must not: decide anything (that is `domain::survey` and `domain::receipt`).

use super::Lang;
use crate::domain::receipt::ReceiptError;
use crate::domain::survey::{Aspect, Satisfaction, Via};

pub fn aspect_name(lang: Lang, aspect: &Aspect) -> String {
    match aspect {
        Aspect::Attitude => lang.pick("服务态度", "Attitude").into(),
        Aspect::Skill => lang.pick("专业技能", "Skill").into(),
        Aspect::Timeliness => lang.pick("服务效率", "Timeliness").into(),
        Aspect::Other(name) => name.clone(),
    }
}

/// A rating as five stars, filled up to `stars` (1–5): ★★★☆☆.
pub fn star_text(stars: u8) -> String {
    let filled = usize::from(stars.min(5));
    format!("{}{}", "★".repeat(filled), "☆".repeat(5 - filled))
}

pub fn satisfaction_name(lang: Lang, level: Satisfaction) -> &'static str {
    match level {
        Satisfaction::Satisfied => lang.pick("满意", "Satisfied"),
        Satisfaction::FairlySatisfied => lang.pick("基本满意", "Fairly satisfied"),
        Satisfaction::Dissatisfied => lang.pick("不满意", "Dissatisfied"),
    }
}

pub fn via_name(lang: Lang, via: Via) -> &'static str {
    match via {
        Via::Kiosk => lang.pick("平板现场填写", "On the engineer's tablet"),
        Via::Receipt => lang.pick(
            "客户手机填写（回执码）",
            "On the customer's phone (receipt code)",
        ),
    }
}

pub fn receipt_error(lang: Lang, error: ReceiptError) -> &'static str {
    match error {
        ReceiptError::Malformed => lang.pick(
            "这不是回执码：回执码只含数字和字母，请核对",
            "This is not a receipt code: it has only digits and letters — please check it",
        ),
        ReceiptError::Mistyped => lang.pick(
            "回执码有误：有字符输错或顺序颠倒，请逐组核对",
            "The code has a typo: a character is wrong or two are swapped — check it group by group",
        ),
        ReceiptError::UnknownTicket => lang.pick(
            "此回执码不属于本系统发出的任何问卷链接",
            "This code answers no survey link handed out here",
        ),
        ReceiptError::NotAuthentic => lang.pick(
            "回执码校验失败：内容被改动过，与工单的问卷链接不符",
            "The code does not match its ticket's survey link: it was altered",
        ),
        ReceiptError::AlreadyImported => lang.pick(
            "此回执已导入过",
            "This receipt has already been imported",
        ),
        ReceiptError::AlreadyAnswered => lang.pick(
            "该工单已有满意度评价，每张工单只收一份",
            "This ticket already has its survey response: one per ticket",
        ),
    }
}

/// The survey list's totals: responses, bad reviews and the overall mean (already written as stars, or "—").
pub fn survey_totals(lang: Lang, responses: u32, bad_reviews: u32, mean: &str) -> String {
    match lang {
        Lang::Zh => format!("共 {responses} 份评价 · 差评 {bad_reviews} 份 · 总体平均 {mean}"),
        Lang::En => format!("{responses} response(s) · {bad_reviews} bad · overall mean {mean}"),
    }
}
