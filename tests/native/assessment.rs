//! Assessment scoring (R6.2–R6.4) as tables: exact decimals and the one rounding, grade bands at their edges, each
//! scoring rule, the 360° composite in all four rater situations, weights that do not total 100 %, the built-in
//! schemes, a filled sheet explained, and the year from its quarters (with a quarter missing).

use aftersales::domain::assessment::composite::{Fallback, RaterScores, RaterWeights, composite};
use aftersales::domain::assessment::exact::{Exact, Shown, Weight};
use aftersales::domain::assessment::grade::{Band, GradeScale};
use aftersales::domain::assessment::rule::{Entry, Rule, RuleError, ScoreBand, score};
use aftersales::domain::assessment::scheme::{Scheme, Source, built_in};
use aftersales::domain::assessment::sheet::{Given, How, score_sheet, yearly_mean};
use aftersales::domain::error::{Field, Problem};
use aftersales::domain::ids::Id;
use aftersales::i18n::{Lang, problem};
use expect_test::expect;

fn exact(text: &str) -> Exact {
    Exact::parse(text, 6).unwrap_or_else(|| panic!("{text} is a decimal"))
}

fn table(rows: impl IntoIterator<Item = String>) -> String {
    rows.into_iter().collect::<Vec<_>>().join("\n") + "\n"
}

#[test]
fn a_score_is_rounded_once_half_up_and_graded_as_shown() {
    let scale = GradeScale::default();
    let rows = [
        "100",
        "90",
        "89.995",
        "89.994999",
        "80",
        "79.995",
        "70",
        "69.995",
        "69.994",
        "60",
        "59.995",
        "59.994",
        "0",
    ]
    .map(|text| {
        let shown = exact(text).shown();
        format!("{text:<10} → {shown:>6} {}", scale.grade(shown).label)
    });
    expect![[r#"
        100        → 100.00 优
        90         →  90.00 优
        89.995     →  90.00 优
        89.994999  →  89.99 良
        80         →  80.00 良
        79.995     →  80.00 良
        70         →  70.00 中
        69.995     →  70.00 中
        69.994     →  69.99 较差
        60         →  60.00 较差
        59.995     →  60.00 较差
        59.994     →  59.99 差
        0          →   0.00 差
    "#]]
    .assert_eq(&table(rows));
}

#[test]
fn fractions_stay_exact_until_the_one_rounding() {
    // A mean of three raters is a third: kept as a fraction, not 85.333… cut short and rounded again.
    let mean = Exact::mean(&[exact("80"), exact("85"), exact("91")]).unwrap();
    assert_eq!((mean.numerator(), mean.denominator()), (256, 3));
    assert_eq!(mean.shown(), Shown(8533));
    // Three thirds make a whole again.
    let third = Exact::ratio(1, 3).unwrap();
    assert_eq!(third + third + third, Exact::whole(1));
    // 40 % of 85⅓ is 34.1333…; ×3 it is 102.4 exactly.
    let share = mean.share(Weight::percent(40));
    assert_eq!(share + share + share, exact("102.4"));
    assert_eq!(Exact::mean(&[]), None);
    assert_eq!(Exact::whole(5).checked_div(Exact::ZERO), None);
    // What is typed: digits and one point, no more places than allowed.
    for (text, parsed) in [
        ("92.5", Some(exact("92.5"))),
        (" 7 ", Some(Exact::whole(7))),
        (".5", Some(exact("0.5"))),
        ("1.234", None),
        ("-1", None),
        ("1e3", None),
        ("", None),
        (".", None),
        ("9x", None),
    ] {
        assert_eq!(Exact::parse(text, 2), parsed, "{text:?}");
    }
    for (text, weight) in [
        ("40", Some(Weight(4000))),
        ("12.5%", Some(Weight(1250))),
        ("33.33", Some(Weight(3333))),
        ("100.01", None),
        ("0.001", None),
    ] {
        assert_eq!(Weight::parse(text), weight, "{text:?}");
    }
    assert_eq!(
        [Weight(4000), Weight(1250), Weight(3333)].map(|w| w.to_string()),
        ["40%", "12.5%", "33.33%"]
    );
}

#[test]
fn each_scoring_rule_on_its_entries() {
    let banded = Rule::Banded {
        higher_is_better: false,
        bands: [(2, 100), (5, 80)]
            .map(|(bound, score)| ScoreBand {
                bound: Exact::whole(bound),
                score: Exact::whole(score),
            })
            .to_vec(),
        otherwise: Exact::whole(20),
    };
    let deduction = Rule::Deduction {
        full: Exact::HUNDRED,
        per: Exact::whole(20),
        floor: Exact::whole(30),
    };
    let cases: Vec<(&str, Rule, Option<&str>, Entry)> = vec![
        (
            "proportional, below target",
            Rule::proportional(),
            Some("95"),
            Entry::Value(exact("90")),
        ),
        (
            "proportional, above: capped",
            Rule::proportional(),
            Some("95"),
            Entry::Value(exact("99")),
        ),
        (
            "proportional, cap 120",
            Rule::Proportional {
                cap: Exact::whole(120),
            },
            Some("100"),
            Entry::Value(exact("110")),
        ),
        (
            "proportional, no target",
            Rule::proportional(),
            None,
            Entry::Value(exact("90")),
        ),
        (
            "inverse, slower than target",
            Rule::inverse(),
            Some("24"),
            Entry::Value(exact("30")),
        ),
        (
            "inverse, nothing: the cap",
            Rule::inverse(),
            Some("24"),
            Entry::Value(Exact::ZERO),
        ),
        (
            "banded, in the first band",
            banded.clone(),
            None,
            Entry::Value(exact("1.5")),
        ),
        (
            "banded, on the second bound",
            banded.clone(),
            None,
            Entry::Value(exact("5")),
        ),
        (
            "banded, beyond every band",
            banded,
            None,
            Entry::Value(exact("12")),
        ),
        ("deduction, twice", deduction.clone(), None, Entry::Count(2)),
        (
            "deduction, to the floor",
            deduction.clone(),
            None,
            Entry::Count(4),
        ),
        (
            "deduction given a value",
            deduction,
            None,
            Entry::Value(exact("4")),
        ),
        (
            "manual, low with a reason",
            Rule::manual(),
            None,
            Entry::Score {
                score: exact("55"),
                reason: "多次迟到".into(),
            },
        ),
        (
            "manual, low without reason",
            Rule::manual(),
            None,
            Entry::Score {
                score: exact("55"),
                reason: " ".into(),
            },
        ),
        (
            "manual, above 100",
            Rule::manual(),
            None,
            Entry::Score {
                score: exact("100.5"),
                reason: String::new(),
            },
        ),
        ("pass/fail, met", Rule::PassFail, None, Entry::Met(true)),
        (
            "pass/fail, not met",
            Rule::PassFail,
            None,
            Entry::Met(false),
        ),
    ];
    let rows = cases.into_iter().map(|(case, rule, target, entry)| {
        let outcome = match score(&rule, target.map(exact), &entry) {
            Ok((score, applied)) => format!("{:>6}  {applied:?}", score.shown()),
            Err(error) => format!("refused {error:?}"),
        };
        format!("{case:<30} {outcome}")
    });
    expect![[r#"
        proportional, below target      94.74  Proportional { value: Exact { numerator: 90, denominator: 1 }, target: Exact { numerator: 95, denominator: 1 }, capped: false }
        proportional, above: capped    100.00  Proportional { value: Exact { numerator: 99, denominator: 1 }, target: Exact { numerator: 95, denominator: 1 }, capped: true }
        proportional, cap 120          110.00  Proportional { value: Exact { numerator: 110, denominator: 1 }, target: Exact { numerator: 100, denominator: 1 }, capped: false }
        proportional, no target        refused NoTarget
        inverse, slower than target     80.00  Inverse { value: Exact { numerator: 30, denominator: 1 }, target: Exact { numerator: 24, denominator: 1 }, capped: false }
        inverse, nothing: the cap      100.00  Inverse { value: Exact { numerator: 0, denominator: 1 }, target: Exact { numerator: 24, denominator: 1 }, capped: true }
        banded, in the first band      100.00  Banded { value: Exact { numerator: 3, denominator: 2 }, band: Some(0) }
        banded, on the second bound     80.00  Banded { value: Exact { numerator: 5, denominator: 1 }, band: Some(1) }
        banded, beyond every band       20.00  Banded { value: Exact { numerator: 12, denominator: 1 }, band: None }
        deduction, twice                60.00  Deduction { occurrences: 2, floored: false }
        deduction, to the floor         30.00  Deduction { occurrences: 4, floored: true }
        deduction given a value        refused WrongEntry
        manual, low with a reason       55.00  Manual { reason: "多次迟到" }
        manual, low without reason     refused ReasonRequired { below: Exact { numerator: 60, denominator: 1 } }
        manual, above 100              refused ScoreAbove100
        pass/fail, met                 100.00  PassFail { met: true }
        pass/fail, not met               0.00  PassFail { met: false }
    "#]]
    .assert_eq(&table(rows));
}

#[test]
fn the_360_composite_in_all_four_rater_situations() {
    let superior = vec![exact("90")];
    let peers = vec![exact("80"), exact("70")];
    let subordinates = vec![exact("60"), exact("90"), exact("84")];
    let situations = [
        (
            "all three",
            superior.clone(),
            peers.clone(),
            subordinates.clone(),
        ),
        ("no peers", superior.clone(), vec![], subordinates.clone()),
        ("no subordinates", superior.clone(), peers.clone(), vec![]),
        ("neither", superior.clone(), vec![], vec![]),
        ("no superior yet", vec![], peers, subordinates),
    ];
    let rows = situations
        .into_iter()
        .map(|(case, superior, peers, subordinates)| {
            let scores = RaterScores {
                superior,
                peers,
                subordinates,
            };
            match composite(&scores, RaterWeights::default()) {
                None => format!("{case:<16} no composite"),
                Some(c) => format!(
                    "{case:<16} {:>6} {:?} weights {}/{}/{}",
                    c.value.shown(),
                    c.fallback,
                    c.weights.0,
                    c.weights.1,
                    c.weights.2
                ),
            }
        });
    // 90×40% + 75×30% + 78×30% = 81.9; 90×60% + 78×40% = 85.2; 90×60% + 75×40% = 84.
    expect![[r#"
        all three         81.90 AllThree weights 40%/30%/30%
        no peers          85.20 NoPeers weights 60%/0%/40%
        no subordinates   84.00 NoSubordinates weights 60%/40%/0%
        neither           90.00 SuperiorOnly weights 100%/0%/0%
        no superior yet  no composite
    "#]]
    .assert_eq(&table(rows));

    // Configured weights: 50/25/25, and 70 % for the superior of two.
    let weights = RaterWeights::new(
        Weight::percent(50),
        Weight::percent(25),
        Weight::percent(25),
        Weight::percent(70),
    )
    .unwrap();
    let scores = RaterScores {
        superior: vec![exact("90")],
        peers: vec![],
        subordinates: vec![exact("80")],
    };
    let c = composite(&scores, weights).unwrap();
    assert_eq!((c.fallback, c.value), (Fallback::NoPeers, exact("87")));
    // Weights that do not total 100 % are refused with the total.
    let refused = RaterWeights::new(
        Weight::percent(40),
        Weight::percent(30),
        Weight::percent(20),
        Weight::percent(60),
    );
    assert_eq!(
        refused.unwrap_err()[0].problem,
        Problem::WeightsTotal { total: 9000 }
    );
}

#[test]
fn a_sheet_whose_weights_do_not_total_100_is_refused_with_the_total() {
    let mut scheme = built_in().remove(3);
    scheme.indicators[0].weight = Weight::percent(15);
    let problems = scheme.check().unwrap_err();
    let weights = problems
        .iter()
        .find(|p| p.field == Field::Weights)
        .expect("a problem with the weights");
    assert_eq!(weights.problem, Problem::WeightsTotal { total: 9500 });
    assert_eq!(
        problem(Lang::Zh, &weights.problem),
        "权重合计必须为100%，当前为95%"
    );
    assert_eq!(
        problem(Lang::En, &weights.problem),
        "The weights must total 100%; they total 95%"
    );
}

#[test]
fn the_built_in_schemes_are_valid_sheets() {
    let rows = built_in().into_iter().map(|scheme| {
        let name = scheme.name.clone();
        let (cadence, count, raters) =
            (scheme.cadence, scheme.indicators.len(), scheme.has_raters());
        let total = scheme.total_weight();
        match scheme.check() {
            Ok(_) => {
                format!("{name:<20} {cadence:?} {count} indicators, {total}, raters: {raters}")
            }
            Err(problems) => format!("{name} refused: {problems:?}"),
        }
    });
    expect![[r#"
        售后服务经理 年度考核          Yearly 8 indicators, 100%, raters: true
        部门负责人 月度考核           Monthly 5 indicators, 100%, raters: false
        售后服务主管/专员 季度考核       Quarterly 7 indicators, 100%, raters: true
        家电售后工程师 月度考核         Monthly 7 indicators, 100%, raters: false
        客服 季度考核              Quarterly 5 indicators, 100%, raters: true
        技能考试 半年              HalfYearly 1 indicators, 100%, raters: false
    "#]]
    .assert_eq(&table(rows));
}

#[test]
fn a_schemes_other_mistakes_are_named_on_their_indicator() {
    let mut scheme = built_in().remove(3);
    scheme.indicators[1].target = None; // a proportional rule without a target
    scheme.indicators[2].source = Source::Raters; // raters given a banded rule
    scheme.indicators[3].name = " ".into();
    scheme.indicators[4].name = scheme.indicators[3].name.clone();
    scheme.indicators[4].weight = Weight(0);
    scheme.indicators[0].weight = Weight::percent(35); // keeps the total at 100
    let problems = scheme.check().unwrap_err();
    let rows = problems
        .iter()
        .map(|p| format!("{:?}: {:?}", p.field, p.problem));
    expect![[r#"
        Indicator(1): TargetRequired
        Indicator(2): RatersScoreByHand
        Indicator(3): Required
        Indicator(4): Required
        Indicator(4): WeightZero
    "#]]
    .assert_eq(&table(rows));
}

#[test]
fn an_engineers_month_scored_and_explained() {
    // 家电售后工程师 月度考核: 服务态度 20 (manual), 一次修复率 10 (≥ 90), 重复维修率 10 (banded), 响应及时率 15
    // (100), 完工及时率 15 (95), 客户满意度 20 (95), 差评 10 (−20 each).
    let scheme = built_in().remove(3);
    let given = vec![
        Given::Entry(Entry::Score {
            score: exact("85"),
            reason: String::new(),
        }),
        Given::Entry(Entry::Value(exact("87.5"))),
        Given::Entry(Entry::Value(exact("4.2"))),
        Given::Entry(Entry::Value(exact("96"))),
        Given::Entry(Entry::Value(exact("98"))),
        Given::Entry(Entry::Value(exact("93.1"))),
        Given::Entry(Entry::Count(1)),
    ];
    let result = score_sheet(&scheme, &given);
    let rows = scheme
        .indicators
        .iter()
        .zip(&result.indicators)
        .map(|(indicator, r)| {
            format!(
                "{:<8} {:>5} × {:>4} = {:>6}",
                indicator.name,
                r.score.map(|s| s.to_string()).unwrap_or_default(),
                indicator.weight.to_string(),
                r.contribution.map(|c| c.to_string()).unwrap_or_default()
            )
        });
    let summary = format!(
        "total {} → {} {}",
        result.total.unwrap(),
        result.shown.unwrap(),
        result
            .grade
            .as_ref()
            .map(|b| b.label.as_str())
            .unwrap_or("")
    );
    // 17 + 9.7222 + 8 + 14.4 + 15 + 19.6 + 8 = 91.7222… → 91.72 优
    expect![[r#"
        服务态度        85 ×  20% =     17
        一次修复率    ≈97.2222 ×  10% = ≈9.7222
        重复维修率       80 ×  10% =      8
        响应及时率       96 ×  15% =   14.4
        完工及时率      100 ×  15% =     15
        客户满意度       98 ×  20% =   19.6
        差评          80 ×  10% =      8
        total ≈91.7222 → 91.72 优
    "#]]
    .assert_eq(&table(rows.chain([summary])));

    // One indicator still empty: no total and no grade, and that indicator says why.
    let mut partial = given.clone();
    partial[5] = Given::Nothing;
    let result = score_sheet(&scheme, &partial);
    assert!(!result.is_complete());
    assert_eq!(result.grade, None);
    assert_eq!(result.indicators[5].how, How::Missing);
    // A low manual score without a reason is refused on that indicator, not silently counted.
    let mut low = given;
    low[0] = Given::Entry(Entry::Score {
        score: exact("50"),
        reason: String::new(),
    });
    let result = score_sheet(&scheme, &low);
    assert_eq!(
        result.indicators[0].how,
        How::Refused(RuleError::ReasonRequired {
            below: Exact::whole(60)
        })
    );
    assert_eq!(result.total, None);
}

#[test]
fn the_year_is_the_mean_of_the_quarters_there_are() {
    let q = |hundredths: u64| Some(Shown(hundredths));
    let rows = [
        ("four quarters", [q(8500), q(9000), q(7701), q(8800)]),
        ("joined in Q2", [None, q(9000), q(7701), q(8800)]),
        ("one quarter", [None, None, None, q(5999)]),
        ("not assessed", [None, None, None, None]),
    ]
    .map(|(case, quarters)| match yearly_mean(&quarters) {
        Some(year) => format!(
            "{case:<14} mean of {} = {} → {}",
            year.quarters, year.value, year.shown
        ),
        None => format!("{case:<14} no yearly result"),
    });
    // (85 + 90 + 77.01 + 88) / 4 = 85.0025 → 85.00; (90 + 77.01 + 88) / 3 = 85.0033… → 85.00.
    expect![[r#"
        four quarters  mean of 4 = 85.0025 → 85.00
        joined in Q2   mean of 3 = ≈85.0033 → 85.00
        one quarter    mean of 1 = 59.99 → 59.99
        not assessed   no yearly result
    "#]]
    .assert_eq(&table(rows));
}

#[test]
fn an_edited_grade_scale_is_checked() {
    let band = |label: &str, from: u64| Band {
        label: label.into(),
        from: Shown(from),
        passes: true,
    };
    assert!(GradeScale::new(vec![band("A", 8000), band("B", 0)]).is_ok());
    let problems = GradeScale::new(vec![band("A", 8000), band("A", 9000), band("", 100)])
        .unwrap_err()
        .into_iter()
        .map(|p| p.problem)
        .collect::<Vec<_>>();
    assert_eq!(
        problems,
        [
            Problem::DuplicateName,
            Problem::BandsNotFalling,
            Problem::Required,
            Problem::LowestBandFromZero
        ]
    );
}

#[test]
fn each_grade_leads_to_its_outcome() {
    use aftersales::domain::assessment::outcome::dismissal_review;
    // A built-in scheme on the default scale and one on the four levels: the seed's rules, as no scheme set its own.
    let rows = [built_in().remove(2), built_in().remove(0)]
        .into_iter()
        .flat_map(|scheme| {
            assert_eq!(scheme.outcomes, None);
            scheme
                .grades
                .bands()
                .iter()
                .map(|band| {
                    let o = scheme.outcome(band.from).expect("an outcome per band");
                    format!(
                        "{:<4} bonus {:>4} salary {:?} promotion {} training {} nomination {}",
                        band.label,
                        o.bonus.to_string(),
                        o.salary,
                        o.promotion_eligible,
                        o.training_required,
                        o.nomination
                    )
                })
                .collect::<Vec<_>>()
        });
    expect![[r#"
        优    bonus 120% salary Raise promotion true training false nomination true
        良    bonus 100% salary Keep promotion true training false nomination false
        中    bonus  80% salary Keep promotion false training false nomination false
        较差   bonus  50% salary Keep promotion false training true nomination false
        差    bonus   0% salary Review promotion false training true nomination false
        优秀   bonus 120% salary Raise promotion true training false nomination true
        良好   bonus 100% salary Keep promotion true training false nomination false
        一般   bonus  50% salary Keep promotion false training true nomination false
        不合格  bonus   0% salary Review promotion false training true nomination false
    "#]]
    .assert_eq(&table(rows));
    // Two failing results in a row — and only then, with the latest among them — flag a dismissal review.
    for (history, flagged) in [
        (&[][..], false),
        (&[false][..], false),
        (&[false, true][..], false),
        (&[true, false, false][..], true),
        (&[false, false, true][..], false),
    ] {
        assert_eq!(dismissal_review(history), flagged, "{history:?}");
    }
}

#[test]
fn a_scheme_assesses_its_positions_in_its_pilot_units_and_not_probation() {
    use aftersales::domain::assessment::roster::{Excluded, roster};
    use aftersales::domain::org::{Employment, Position};
    let mut data = crate::common::fixture_org();
    // 刘工 is on probation.
    let mut liu = data.staff.get(Id::from_u128(15)).unwrap().clone();
    liu.employment = Employment::Probation;
    data.apply(aftersales::domain::dataset::Change::Staff(
        crate::common::versioned(15, 100, liu),
    ));
    let mut scheme = built_in().remove(3);
    assert_eq!(scheme.positions, vec![Position::Engineer]);
    let everyone = roster(&scheme, &data);
    assert_eq!(everyone.included, vec![Id::from_u128(14)]);
    assert_eq!(
        everyone.excluded,
        vec![(Id::from_u128(15), Excluded::Probation)]
    );
    // A pilot in 华南区 (unit 4) leaves 华东区's engineers out; one in 售后服务部 (2) covers the regions below it.
    scheme.units = vec![Id::from_u128(4)];
    let pilot = roster(&scheme, &data);
    assert!(pilot.included.is_empty());
    assert_eq!(
        pilot.excluded,
        // (in name order: 刘工 before 陈工)
        vec![
            (Id::from_u128(15), Excluded::OutsidePilot),
            (Id::from_u128(14), Excluded::OutsidePilot)
        ]
    );
    scheme.units = vec![Id::from_u128(2)];
    assert_eq!(roster(&scheme, &data).included, vec![Id::from_u128(14)]);
}

#[test]
fn a_score_explains_itself_in_both_languages() {
    use aftersales::domain::assessment::composite::RaterScores;
    use aftersales::i18n::assessment::{indicator_line, total_line};
    // The supervisor's quarter: two KPIs, the superior's score, four rater indicators (one with no peers).
    let scheme = built_in().remove(2);
    let raters = |peers: Vec<Exact>| {
        Given::Raters(RaterScores {
            superior: vec![exact("85")],
            peers,
            subordinates: vec![exact("90"), exact("80")],
        })
    };
    let given = vec![
        Given::Entry(Entry::Value(exact("99"))),
        Given::Entry(Entry::Value(exact("93"))),
        Given::Entry(Entry::Score {
            score: exact("58"),
            reason: "两项目标未完成".into(),
        }),
        raters(vec![exact("70")]),
        raters(vec![exact("70"), exact("75")]),
        raters(vec![]),
        raters(vec![exact("70")]),
    ];
    let result = score_sheet(&scheme, &given);
    for lang in [Lang::Zh, Lang::En] {
        let lines: Vec<String> = scheme
            .indicators
            .iter()
            .zip(&result.indicators)
            .map(|(indicator, r)| indicator_line(lang, indicator, r))
            .chain([total_line(lang, &result, &scheme.grades)])
            .collect();
        match lang {
            Lang::Zh => expect![[r#"
                问题解决率：实际 99 ÷ 目标 98 × 100 = 100 分（封顶）；× 权重 20% = 20
                客户满意度：实际 93 ÷ 目标 95 × 100 = ≈97.8947 分；× 权重 20% = ≈19.5789
                工作目标完成情况：评分 58（理由：两项目标未完成）；× 权重 20% = 11.6
                专业能力：上级平均 85 × 40% + 同级平均 70 × 30% + 下级平均 85 × 30% = 80.5（上级、同级、下级均有评分）；× 权重 10% = 8.05
                沟通协调：上级平均 85 × 40% + 同级平均 72.5 × 30% + 下级平均 85 × 30% = 81.25（上级、同级、下级均有评分）；× 权重 10% = 8.125
                责任心：上级平均 85 × 60% + 下级平均 85 × 40% = 85（无同级：上级与下级加权）；× 权重 10% = 8.5
                团队合作：上级平均 85 × 40% + 同级平均 70 × 30% + 下级平均 85 × 30% = 80.5（上级、同级、下级均有评分）；× 权重 10% = 8.05
                合计 ≈83.9039，四舍五入为 83.90，等级 良（80.00 至 90.00 分以下）
            "#]],
            Lang::En => expect![[r#"
                问题解决率: actual 99 ÷ target 98 × 100 = 100 (capped); × weight 20% = 20
                客户满意度: actual 93 ÷ target 95 × 100 = ≈97.8947; × weight 20% = ≈19.5789
                工作目标完成情况: scored 58 (reason: 两项目标未完成); × weight 20% = 11.6
                专业能力: superior mean 85 × 40% + peers mean 70 × 30% + subordinates mean 85 × 30% = 80.5 (superior, peers and subordinates rated); × weight 10% = 8.05
                沟通协调: superior mean 85 × 40% + peers mean 72.5 × 30% + subordinates mean 85 × 30% = 81.25 (superior, peers and subordinates rated); × weight 10% = 8.125
                责任心: superior mean 85 × 60% + subordinates mean 85 × 40% = 85 (no peers: superior and subordinates); × weight 10% = 8.5
                团队合作: superior mean 85 × 40% + peers mean 70 × 30% + subordinates mean 85 × 30% = 80.5 (superior, peers and subordinates rated); × weight 10% = 8.05
                Total ≈83.9039, rounded half up to 83.90: grade 良 (80.00 to below 90.00)
            "#]],
        }
        .assert_eq(&table(lines));
    }
}

#[test]
fn the_scheme_editors_form_reads_back_every_built_in_scheme_and_names_each_typo() {
    use aftersales::domain::assessment::scheme_draft::{RuleDraft, SchemeDraft};
    // A built-in scheme follows the seed's outcome rules; saved from the editor, it keeps them as its own.
    for scheme in built_in() {
        let saved = Scheme {
            outcomes: Some(scheme.outcome_rules()),
            ..scheme.clone()
        };
        assert_eq!(
            SchemeDraft::from_scheme(&scheme).check(),
            Ok(saved),
            "{}",
            scheme.name
        );
    }
    let mut draft = SchemeDraft::from_scheme(&built_in().remove(3));
    assert_eq!(draft.live_total(), Weight::WHOLE);
    draft.indicators[0].weight = "15".into(); // 95 % in all
    draft.indicators[1].target = "九十".into();
    draft.indicators[2].rule = RuleDraft::Banded {
        higher_is_better: false,
        bands: vec![("2".into(), "100".into()), ("5".into(), "8o".into())],
        otherwise: "0".into(),
    };
    draft.indicators[3].weight = "x".into(); // not counted in the live total
    draft.superior = "50".into(); // 50 + 30 + 30
    draft.grades[1].from = "95".into(); // above the band before it
    draft.grades[0].bonus = "350".into(); // above 300 %
    draft.grades[3].bonus = "五十".into();
    assert_eq!(draft.live_total(), Weight::percent(80));
    let rows = draft
        .check()
        .unwrap_err()
        .into_iter()
        .map(|p| format!("{:?}: {}", p.field, problem(Lang::Zh, &p.problem)));
    expect![[r#"
        Indicator(1): 请输入数字，最多 4 位小数
        Indicator(2): 请输入数字，最多 2 位小数
        Indicator(3): 请输入数字，最多 2 位小数
        Outcome(0): 奖金系数须为0–300%，最多两位小数
        Outcome(3): 奖金系数须为0–300%，最多两位小数
        RaterWeights: 权重合计必须为100%，当前为110%
        Grades: 各等级的起点须从高到低排列
        Weights: 权重合计必须为100%，当前为80%
    "#]]
    .assert_eq(&table(rows));
}

#[test]
fn what_a_grade_leads_to_is_edited_with_the_scheme() {
    use aftersales::domain::assessment::outcome::SalaryProposal;
    use aftersales::domain::assessment::scheme_draft::SchemeDraft;
    let mut draft = SchemeDraft::from_scheme(&built_in().remove(2));
    // 优 earns 150 % and no nomination; 中 now needs training.
    draft.grades[0].bonus = "150".into();
    draft.grades[0].nomination = false;
    draft.grades[2].training_required = true;
    draft.grades[2].salary = SalaryProposal::Review;
    let scheme = draft.check().expect("a valid scheme");
    let line = |score: u64| {
        let o = scheme.outcome(Shown(score)).expect("an outcome");
        format!(
            "{} bonus {} {:?} training {} nomination {}",
            scheme.grades.grade(Shown(score)).label,
            o.bonus,
            o.salary,
            o.training_required,
            o.nomination
        )
    };
    expect![[r#"
        优 bonus 150% Raise training false nomination false
        中 bonus 80% Review training true nomination false
        差 bonus 0% Review training true nomination false
    "#]]
    .assert_eq(&table([line(9000), line(7999), line(5999)]));
    // Read back into the editor, the rules are the ones saved.
    assert_eq!(
        SchemeDraft::from_scheme(&scheme).check(),
        Ok(scheme.clone())
    );
    // Rules that do not give one outcome per grade are refused on the scheme itself.
    let mut short = scheme.clone();
    short.outcomes.as_mut().unwrap().by_band.pop();
    let problems: Vec<_> = short
        .check()
        .unwrap_err()
        .into_iter()
        .map(|p| p.problem)
        .collect();
    assert_eq!(problems, vec![Problem::OutcomePerGrade]);
}

#[test]
fn a_cycle_opens_by_default_for_the_period_just_finished() {
    use aftersales::domain::assessment::kpi_source::last_finished;
    use aftersales::domain::assessment::scheme::Cadence;
    use aftersales::domain::calendar::Date;
    let mut table = String::new();
    for today in [
        "2026-01-05",
        "2026-03-31",
        "2026-04-01",
        "2026-07-01",
        "2026-11-30",
    ] {
        let date = Date::parse(today).unwrap();
        table.push_str(&format!("{today}:"));
        for cadence in [
            Cadence::Monthly,
            Cadence::Quarterly,
            Cadence::HalfYearly,
            Cadence::Yearly,
        ] {
            let p = last_finished(cadence, date);
            table.push_str(&format!(" {cadence:?} {}/{}", p.year, p.part));
        }
        table.push('\n');
    }
    expect![[r#"
        2026-01-05: Monthly 2025/12 Quarterly 2025/4 HalfYearly 2025/2 Yearly 2025/0
        2026-03-31: Monthly 2026/2 Quarterly 2025/4 HalfYearly 2025/2 Yearly 2025/0
        2026-04-01: Monthly 2026/3 Quarterly 2026/1 HalfYearly 2025/2 Yearly 2025/0
        2026-07-01: Monthly 2026/6 Quarterly 2026/2 HalfYearly 2026/1 Yearly 2025/0
        2026-11-30: Monthly 2026/10 Quarterly 2026/3 HalfYearly 2026/1 Yearly 2025/0
    "#]]
    .assert_eq(&table);
}
