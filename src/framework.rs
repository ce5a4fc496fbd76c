//! The framework: a tree of pillars and indicators with weights, scales, methods and bands.
//! Read from JSON (every problem reported with its path), written back to JSON, and held
//! flattened in framework (pre-)order so that scoring walks arrays, not pointers.

use crate::digits::{num, Whole};
use crate::issue::{Fields, Issue};
use crate::value::{path_index, path_key, quote, Value};

mod content;
pub use content::{
    ContextItem, ContextKind, FoaRef, Measure, RiskFactor, CONTEXT_KINDS, MAX_MEASURES,
};

/// Translatable text: language code → text, in the order the framework gives them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text(pub Vec<(String, String)>);

impl Text {
    /// The text in `lang`, else the first one given.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .iter()
            .find(|(l, _)| l == lang)
            .or(self.0.first())
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Aggregation {
    Arithmetic,
    Geometric,
    Harmonic,
    Minimum,
    /// Casadio Tarabusi & Guarini's mean-min function: the weighted mean M lowered towards
    /// the minimum m by α·(√((M − m)² + β²) − β). α = 0 is the mean; α = 1, β = 0 the minimum.
    MeanMin {
        alpha: f64,
        beta: f64,
    },
    /// The weighted power (generalised) mean (Σ wᵢ·xᵢᵖ / Σ wᵢ)^(1/p), COINr's `a_genmean`:
    /// p = 1 is the arithmetic mean, p = −1 the harmonic, p = 0 (the limit) the geometric.
    PowerMean {
        p: f64,
    },
}

impl Aggregation {
    /// The name in the framework format.
    pub fn name(self) -> &'static str {
        match self {
            Aggregation::Arithmetic => "arithmetic",
            Aggregation::Geometric => "geometric",
            Aggregation::Harmonic => "harmonic",
            Aggregation::Minimum => "minimum",
            Aggregation::MeanMin { .. } => "mean_min",
            Aggregation::PowerMean { .. } => "power_mean",
        }
    }

    /// Whether the mean has a value when a part scores `s`: the geometric and harmonic means,
    /// and power means with p ≤ 0, need every part above 0 (a 0 would decide the result
    /// alone, and below 0 they are undefined); a power mean with p > 0 needs 0 or more.
    pub fn takes(self, s: f64) -> bool {
        match self {
            Aggregation::Geometric | Aggregation::Harmonic => s > 0.0,
            Aggregation::PowerMean { p } if p <= 0.0 => s > 0.0,
            Aggregation::PowerMean { .. } => s >= 0.0,
            _ => true,
        }
    }

    /// The mean in words, for messages: "geometric mean", "power mean (p = -2)".
    pub fn describe(self) -> String {
        match self {
            Aggregation::MeanMin { alpha, beta } => {
                cat!(
                    "mean-min function (alpha = ",
                    num(alpha),
                    ", beta = ",
                    num(beta),
                    ")"
                )
            }
            Aggregation::PowerMean { p } => cat!("power mean (p = ", num(p), ")"),
            Aggregation::Minimum => "minimum".into(),
            other => cat!(other.name(), " mean"),
        }
    }
}

/// Aggregations by name; `mean_min` takes its `alpha` and `beta` from the node, `power_mean`
/// its `p`.
pub const AGGREGATIONS: &[(&str, Aggregation)] = &[
    ("arithmetic", Aggregation::Arithmetic),
    ("geometric", Aggregation::Geometric),
    ("harmonic", Aggregation::Harmonic),
    ("minimum", Aggregation::Minimum),
    (
        "mean_min",
        Aggregation::MeanMin {
            alpha: 0.5,
            beta: 0.0,
        },
    ),
    ("power_mean", Aggregation::PowerMean { p: 1.0 }),
];

/// How an indicator's values become scores. Every method but `zscore` puts them on the
/// indicator's `normalised_range` (0–100 unless given); docs/methods.md has the formulas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Normalisation {
    /// By the scale's fixed goalposts.
    Scale,
    /// By the lowest and highest value of the batch (COINr `n_minmax`).
    MinMax,
    /// By the percentile rank in the batch, ties sharing the lower rank (COINr `n_prank`).
    Rank,
    /// Standardised over the batch (sample standard deviation), then given this mean and
    /// standard deviation (COINr `n_zscore` with `m_sd`). Unbounded.
    ZScore { mean: f64, sd: f64 },
    /// The share of the way from the batch's worst value to the target, at most all of it
    /// (COINr `n_dist2targ` with `cap_max = TRUE`).
    DistanceToTarget { target: f64 },
    /// 1 − the distance to the batch's best value over the batch's range (COINr `n_dist2max`).
    DistanceToBest,
}

impl Normalisation {
    /// The name in the framework format.
    pub fn name(self) -> &'static str {
        match self {
            Normalisation::Scale => "scale",
            Normalisation::MinMax => "minmax",
            Normalisation::Rank => "rank",
            Normalisation::ZScore { .. } => "zscore",
            Normalisation::DistanceToTarget { .. } => "distance_to_target",
            Normalisation::DistanceToBest => "distance_to_best",
        }
    }
}

/// Normalisations by name; `zscore` takes its `mean` and `sd` from the indicator's `zscore`
/// field, `distance_to_target` its `target`.
pub const NORMALISATIONS: &[(&str, Normalisation)] = &[
    ("scale", Normalisation::Scale),
    ("minmax", Normalisation::MinMax),
    ("rank", Normalisation::Rank),
    ("zscore", Normalisation::ZScore { mean: 0.0, sd: 1.0 }),
    (
        "distance_to_target",
        Normalisation::DistanceToTarget { target: 0.0 },
    ),
    ("distance_to_best", Normalisation::DistanceToBest),
];

/// The scores of the bounded normalisations unless an indicator gives its `normalised_range`.
pub const DEFAULT_RANGE: (f64, f64) = (0.0, 100.0);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    HigherIsWorse,
}

pub const DIRECTIONS: &[(&str, Direction)] = &[
    ("higher_is_better", Direction::HigherIsBetter),
    ("higher_is_worse", Direction::HigherIsWorse),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RespondentAggregation {
    Median,
    Mean,
}

pub const RESPONDENT_AGGREGATIONS: &[(&str, RespondentAggregation)] = &[
    ("median", RespondentAggregation::Median),
    ("mean", RespondentAggregation::Mean),
];

/// The name of `v` in one of the tables above.
pub fn name_of<T: PartialEq + Copy>(table: &[(&'static str, T)], v: T) -> &'static str {
    table
        .iter()
        .find(|(_, x)| *x == v)
        .map(|(n, _)| *n)
        .unwrap_or("")
}

#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub value: f64,
    pub label: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub anchors: Vec<Anchor>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Position among the framework's indicators (the column of an assessment's scores).
    pub index: usize,
    pub scale: Option<Scale>,
    pub direction: Direction,
    pub normalisation: Normalisation,
    /// The lowest and highest score of the bounded normalisations (all but `zscore`);
    /// `DEFAULT_RANGE` unless the framework gives one.
    pub normalised_range: (f64, f64),
    pub definition: Option<Text>,
    pub guidance: Option<Text>,
    pub sources: Vec<String>,
    /// Its bottom anchor describes conduct associated with atrocity crimes: reaching it, or a
    /// respondent putting it there, raises an alarm that no average can hide.
    pub critical: bool,
    /// The risk factors and risk indicators of the UN Framework of Analysis for Atrocity
    /// Crimes (2014) it informs, in the order given.
    pub foa: Vec<FoaRef>,
    /// Prevention measures that would raise it (at most `MAX_MEASURES`).
    pub measures: Vec<Measure>,
}

impl Indicator {
    /// The worst end of its scale (the bottom for `higher_is_better`); `None` without a scale.
    pub fn bottom(&self) -> Option<f64> {
        self.scale.as_ref().map(|s| match self.direction {
            Direction::HigherIsBetter => s.min,
            Direction::HigherIsWorse => s.max,
        })
    }

    /// The scores it can take: its normalised range, or any number for `zscore`.
    pub fn bounds(&self) -> (f64, f64) {
        match self.normalisation {
            Normalisation::ZScore { .. } => (f64::NEG_INFINITY, f64::INFINITY),
            _ => self.normalised_range,
        }
    }

    /// The score every assessment gets when a batch-relative indicator does not vary: the
    /// middle of the range (50 on 0–100), or the z-score's mean, since the batch says
    /// nothing about who is ahead.
    pub fn middle(&self) -> f64 {
        match self.normalisation {
            Normalisation::ZScore { mean, .. } => mean,
            _ => (self.normalised_range.0 + self.normalised_range.1) / 2.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Inner {
        aggregation: Aggregation,
        min_coverage: f64,
        /// Node indices, in framework order.
        children: Vec<usize>,
        /// Band index: the node's band is at most this one while a critical indicator in its
        /// subtree is at the bottom of its scale (`cap_on_alarm`).
        cap_on_alarm: Option<usize>,
    },
    Indicator(Indicator),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    pub weight: f64,
    pub parent: Option<usize>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub id: String,
    pub min: f64,
    pub title: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub description: Option<Text>,
    pub languages: Vec<String>,
    pub respondent_aggregation: RespondentAggregation,
    pub bands: Vec<Band>,
    /// All nodes in pre-order: the root is 0 and every child comes after its parent.
    pub nodes: Vec<Node>,
    /// Node index of each indicator, in framework order.
    pub indicators: Vec<usize>,
    /// The risk factors of the Framework of Analysis that `foa` references point into.
    pub risk_factors: Vec<RiskFactor>,
    /// The warning-signs instrument: signs and triggers answered present, absent or unknown,
    /// outside the score.
    pub context: Vec<ContextItem>,
    /// Band indices (ascending) in which a pillar, with a sign or trigger present, raises the
    /// early-warning alert; `None` = not given (see `Framework::is_alert_band`).
    pub alert_bands: Option<Vec<usize>>,
    /// (id, node index), sorted by id.
    by_id: Vec<(String, usize)>,
    /// The scores each node can take, by node index (see `Framework::range`).
    ranges: Vec<(f64, f64)>,
}

/// The default framework's JSON (`src/framework/default.json`, minified by build.rs).
pub const DEFAULT_FRAMEWORK_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/default-framework.min.json"));

/// Columns of the CSV input that are not indicators.
pub const RESERVED_IDS: &[&str] = &["id", "unit", "date"];

impl Framework {
    /// Reads a framework, reporting every problem found.
    pub fn from_value(value: &Value) -> Result<Framework, Vec<Issue>> {
        let mut issues = Vec::new();
        let fw = read_framework(value, &mut issues);
        match fw {
            Some(fw) if issues.is_empty() => Ok(fw),
            _ => {
                if issues.is_empty() {
                    issues.push(Issue::new("$", "not a valid framework"));
                }
                Err(issues)
            }
        }
    }

    pub fn node(&self, id: &str) -> Option<usize> {
        let k = self
            .by_id
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()?;
        Some(self.by_id[k].1)
    }

    /// The indicator position of `id`, if it names an indicator.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        match &self.nodes[self.node(id)?].kind {
            Kind::Indicator(ind) => Some(ind.index),
            Kind::Inner { .. } => None,
        }
    }

    pub fn indicator(&self, index: usize) -> (&Node, &Indicator) {
        let node = &self.nodes[self.indicators[index]];
        match &node.kind {
            Kind::Indicator(ind) => (node, ind),
            Kind::Inner { .. } => unreachable!("indicators holds only indicator nodes"),
        }
    }

    /// The root's children: the pillars, in the default framework.
    pub fn pillars(&self) -> &[usize] {
        match &self.nodes[0].kind {
            Kind::Inner { children, .. } => children,
            Kind::Indicator(_) => &[],
        }
    }

    /// The lowest and highest score node `n` can take: an indicator's bounds, and for a group
    /// the span of its parts' ranges (every aggregation lies between its parts' lowest and
    /// highest score). (0, 100) throughout the default framework.
    pub fn range(&self, n: usize) -> (f64, f64) {
        self.ranges[n]
    }

    /// The JSON path of node `n` in the framework: `$.root.children[1].children[0]`.
    pub fn path(&self, n: usize) -> String {
        match self.nodes[n].parent {
            None => "$.root".into(),
            Some(p) => {
                let at = match &self.nodes[p].kind {
                    Kind::Inner { children, .. } => children.iter().position(|&c| c == n),
                    Kind::Indicator(_) => None,
                };
                path_index(&path_key(&self.path(p), "children"), at.unwrap_or(0))
            }
        }
    }

    /// What is valid but likely not meant, each with its JSON path: a geometric, harmonic or
    /// power mean over parts that can score 0 or less, where it has no value (see
    /// `Aggregation::takes`). The default framework has none.
    pub fn warnings(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        for (n, node) in self.nodes.iter().enumerate() {
            let Kind::Inner {
                aggregation,
                children,
                ..
            } = &node.kind
            else {
                continue;
            };
            let reach: Vec<&str> = children
                .iter()
                .filter(|&&c| !aggregation.takes(self.ranges[c].0))
                .map(|&c| self.nodes[c].id.as_str())
                .collect();
            if reach.is_empty() {
                continue;
            }
            let limit = if aggregation.takes(0.0) {
                "below 0"
            } else {
                "0 or less"
            };
            out.push(Issue::new(
                path_key(&self.path(n), "aggregation"),
                cat!(
                    "a ",
                    aggregation.describe(),
                    " has no value where a part scores ",
                    limit,
                    ", and ",
                    crate::cat::list(&reach),
                    " can: an assessment \
                     where one does gets no score for ",
                    quote(&node.id),
                    ". Give the indicators below it a \
                     \"normalised_range\" that starts above 0, e.g. [1, 100] (z-scores can be \
                     any number: aggregate them otherwise)"
                ),
            ));
        }
        out
    }

    /// Whether a pillar in band `b`, with a warning sign or trigger present, raises the
    /// early-warning alert: a band of `alert_bands`, or when the framework gives none, one of
    /// the lower half of its bands (the two lowest of five: critical and weak).
    pub fn is_alert_band(&self, b: usize) -> bool {
        match &self.alert_bands {
            Some(list) => list.contains(&b),
            None => b < self.bands.len() / 2,
        }
    }

    /// The position of warning sign or trigger `id` in `context`.
    pub fn context_index(&self, id: &str) -> Option<usize> {
        self.context.iter().position(|c| c.id == id)
    }

    /// The id of the band `score` falls in: the last whose `min` ≤ score.
    pub fn band(&self, score: f64) -> Option<&str> {
        self.band_index(score).map(|b| self.bands[b].id.as_str())
    }

    /// The index of the band `score` falls in; `None` for NaN (no score).
    pub fn band_index(&self, score: f64) -> Option<usize> {
        self.bands.iter().rposition(|b| b.min <= score)
    }

    /// The framework as JSON, in the same shape it is read from.
    pub fn to_value(&self) -> Value {
        let mut fields = vec![
            ("id".into(), Value::String(self.id.clone())),
            ("version".into(), Value::String(self.version.clone())),
            ("title".into(), text_value(&self.title)),
        ];
        if let Some(d) = &self.description {
            fields.push(("description".into(), text_value(d)));
        }
        if !self.languages.is_empty() {
            fields.push((
                "languages".into(),
                Value::Array(self.languages.iter().cloned().map(Value::String).collect()),
            ));
        }
        fields.push((
            "respondent_aggregation".into(),
            Value::String(name_of(RESPONDENT_AGGREGATIONS, self.respondent_aggregation).into()),
        ));
        let bands = self
            .bands
            .iter()
            .map(|b| {
                let mut f = vec![
                    ("id".into(), Value::String(b.id.clone())),
                    ("min".into(), Value::Number(b.min)),
                ];
                if let Some(t) = &b.title {
                    f.push(("title".into(), text_value(t)));
                }
                Value::Object(f)
            })
            .collect();
        fields.push(("bands".into(), Value::Array(bands)));
        if let Some(list) = &self.alert_bands {
            let ids = list
                .iter()
                .map(|&b| Value::String(self.bands[b].id.clone()))
                .collect();
            fields.push(("alert_bands".into(), Value::Array(ids)));
        }
        if !self.risk_factors.is_empty() {
            fields.push((
                "risk_factors".into(),
                content::risk_factors_value(&self.risk_factors),
            ));
        }
        if !self.context.is_empty() {
            fields.push((
                "context".into(),
                content::context_value(&self.context, &self.risk_factors),
            ));
        }
        fields.push(("root".into(), self.node_value(0)));
        Value::Object(fields)
    }

    fn node_value(&self, index: usize) -> Value {
        let node = &self.nodes[index];
        let mut f = vec![
            ("id".into(), Value::String(node.id.clone())),
            ("title".into(), text_value(&node.title)),
        ];
        if let Some(d) = &node.description {
            f.push(("description".into(), text_value(d)));
        }
        if index != 0 {
            f.push(("weight".into(), Value::Number(node.weight)));
        }
        match &node.kind {
            Kind::Inner {
                aggregation,
                min_coverage,
                children,
                cap_on_alarm,
            } => {
                f.push((
                    "aggregation".into(),
                    Value::String(aggregation.name().into()),
                ));
                match aggregation {
                    Aggregation::MeanMin { alpha, beta } => {
                        f.push(("alpha".into(), Value::Number(*alpha)));
                        f.push(("beta".into(), Value::Number(*beta)));
                    }
                    Aggregation::PowerMean { p } => f.push(("p".into(), Value::Number(*p))),
                    _ => {}
                }
                if let Some(b) = cap_on_alarm {
                    f.push((
                        "cap_on_alarm".into(),
                        Value::String(self.bands[*b].id.clone()),
                    ));
                }
                f.push(("min_coverage".into(), Value::Number(*min_coverage)));
                f.push((
                    "children".into(),
                    Value::Array(children.iter().map(|&c| self.node_value(c)).collect()),
                ));
            }
            Kind::Indicator(ind) => self.indicator_fields(ind, &mut f),
        }
        Value::Object(f)
    }

    /// An indicator's own fields, after those every node has.
    fn indicator_fields(&self, ind: &Indicator, f: &mut Vec<(String, Value)>) {
        if let Some(t) = &ind.definition {
            f.push(("definition".into(), text_value(t)));
        }
        if let Some(t) = &ind.guidance {
            f.push(("guidance".into(), text_value(t)));
        }
        if let Some(s) = &ind.scale {
            f.push(("scale".into(), scale_value(s)));
        }
        f.push((
            "direction".into(),
            Value::String(name_of(DIRECTIONS, ind.direction).into()),
        ));
        f.push((
            "normalisation".into(),
            Value::String(ind.normalisation.name().into()),
        ));
        match ind.normalisation {
            Normalisation::ZScore { mean, sd } => f.push((
                "zscore".into(),
                Value::Object(vec![
                    ("mean".into(), Value::Number(mean)),
                    ("sd".into(), Value::Number(sd)),
                ]),
            )),
            Normalisation::DistanceToTarget { target } => {
                f.push(("target".into(), Value::Number(target)))
            }
            _ => {}
        }
        if ind.normalised_range != DEFAULT_RANGE {
            let (lo, hi) = ind.normalised_range;
            f.push((
                "normalised_range".into(),
                Value::Array(vec![Value::Number(lo), Value::Number(hi)]),
            ));
        }
        if ind.critical {
            f.push(("critical".into(), Value::Bool(true)));
        }
        if !ind.sources.is_empty() {
            f.push((
                "sources".into(),
                Value::Array(ind.sources.iter().cloned().map(Value::String).collect()),
            ));
        }
        content::push_indicator_fields(f, &ind.foa, &ind.measures, &self.risk_factors);
    }
}

/// A scale as the framework file writes it: `{"min", "max", "anchors"?}`.
fn scale_value(s: &Scale) -> Value {
    let mut sf = vec![
        ("min".into(), Value::Number(s.min)),
        ("max".into(), Value::Number(s.max)),
    ];
    if !s.anchors.is_empty() {
        let anchors = s
            .anchors
            .iter()
            .map(|a| {
                Value::Object(vec![
                    ("value".into(), Value::Number(a.value)),
                    ("label".into(), text_value(&a.label)),
                ])
            })
            .collect();
        sf.push(("anchors".into(), Value::Array(anchors)));
    }
    Value::Object(sf)
}

fn text_value(t: &Text) -> Value {
    Value::Object(
        t.0.iter()
            .map(|(l, s)| (l.clone(), Value::String(s.clone())))
            .collect(),
    )
}

const FRAMEWORK_FIELDS: &[&str] = &[
    "id",
    "version",
    "title",
    "description",
    "languages",
    "respondent_aggregation",
    "bands",
    "alert_bands",
    "risk_factors",
    "context",
    "root",
];
const NODE_FIELDS: &[&str] = &[
    "id",
    "title",
    "description",
    "weight",
    "aggregation",
    "min_coverage",
    "children",
    "definition",
    "guidance",
    "scale",
    "direction",
    "normalisation",
    "sources",
    "critical",
    "alpha",
    "beta",
    "p",
    "cap_on_alarm",
    "normalised_range",
    "zscore",
    "target",
    "foa",
    "measures",
];
const LEAF_ONLY: &[&str] = &[
    "definition",
    "guidance",
    "scale",
    "direction",
    "normalisation",
    "normalised_range",
    "zscore",
    "target",
    "sources",
    "critical",
    "foa",
    "measures",
];
const INNER_ONLY: &[&str] = &[
    "aggregation",
    "min_coverage",
    "alpha",
    "beta",
    "p",
    "cap_on_alarm",
];

fn read_framework(value: &Value, issues: &mut Vec<Issue>) -> Option<Framework> {
    let f = Fields::open(value, "$", FRAMEWORK_FIELDS, issues)?;
    let id = f.string("id", true, issues);
    let version = f.string("version", true, issues);
    let title = read_text(f.get("title"), &f.at("title"), true, issues);
    let description = read_text(f.get("description"), &f.at("description"), false, issues);
    let languages = read_strings(f.get("languages"), &f.at("languages"), issues);
    let respondent_aggregation = f.choice(
        "respondent_aggregation",
        RESPONDENT_AGGREGATIONS,
        Some(RespondentAggregation::Median),
        issues,
    );
    let bands = read_bands(f.get("bands"), &f.at("bands"), issues);
    let alert_bands = content::read_alert_bands(
        f.get("alert_bands"),
        &f.at("alert_bands"),
        bands.as_deref(),
        issues,
    );
    let required = content::required_languages(&languages, title.as_ref());
    let risk_factors = content::read_risk_factors(
        f.get("risk_factors"),
        &f.at("risk_factors"),
        &required,
        issues,
    );
    let context = content::read_context(
        f.get("context"),
        &f.at("context"),
        &risk_factors,
        &required,
        issues,
    );

    let mut nodes = Vec::new();
    let mut indicators = Vec::new();
    let mut tree = Tree {
        bands: bands.as_deref(),
        risk_factors: &risk_factors,
        languages: &required,
        nodes: &mut nodes,
        indicators: &mut indicators,
        issues,
    };
    read_root(f.get("root"), &f.at("root"), &mut tree);
    let by_id = index_ids(&nodes, issues);
    if !issues.is_empty() {
        return None;
    }
    let ranges = node_ranges(&nodes);
    Some(Framework {
        id: id?,
        version: version?,
        title: title?,
        description,
        languages,
        respondent_aggregation: respondent_aggregation?,
        bands: bands?,
        nodes,
        indicators,
        risk_factors,
        context,
        alert_bands,
        by_id,
        ranges,
    })
}

/// The tree from `"root"`, which must have children.
fn read_root(root: Option<&Value>, at: &str, tree: &mut Tree) {
    let Some(root) = root else {
        tree.issues.push(Issue::new(at, "is required"));
        return;
    };
    read_node(root, at, None, tree);
    if matches!(
        tree.nodes.first(),
        Some(Node {
            kind: Kind::Indicator(_),
            ..
        })
    ) {
        tree.issues.push(Issue::new(
            at,
            "the root must have children (pillars or indicators)",
        ));
    }
}

/// The node ids in order, for a binary search (no hash map: kilobytes of wasm on the first
/// load); an id given twice is a problem.
fn index_ids(nodes: &[Node], issues: &mut Vec<Issue>) -> Vec<(String, usize)> {
    let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let order = crate::sort::order(&ids);
    for (i, _) in crate::sort::repeats(&ids, &order) {
        // Name both places by id since paths are not stored.
        issues.push(Issue::new(
            "$.root",
            cat!(
                "duplicate node id ",
                quote(&nodes[i].id),
                ": ids must be unique"
            ),
        ));
    }
    // (The ids' order is that of (id, position) pairs.)
    order
        .into_iter()
        .map(|i| (nodes[i].id.clone(), i))
        .collect()
}

/// The scores each node can take: an indicator's bounds, a group's span of its parts'.
fn node_ranges(nodes: &[Node]) -> Vec<(f64, f64)> {
    let mut ranges = vec![(f64::INFINITY, f64::NEG_INFINITY); nodes.len()];
    // Pre-order puts children after parents, so walking backwards sees children first.
    for (i, node) in nodes.iter().enumerate().rev() {
        ranges[i] = match &node.kind {
            Kind::Indicator(ind) => ind.bounds(),
            Kind::Inner { children, .. } => children
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &c| {
                    (lo.min(ranges[c].0), hi.max(ranges[c].1))
                }),
        };
    }
    ranges
}

fn read_text(
    value: Option<&Value>,
    path: &str,
    required: bool,
    issues: &mut Vec<Issue>,
) -> Option<Text> {
    match value {
        None if required => {
            issues.push(Issue::new(path, "is required"));
            None
        }
        None => None,
        Some(Value::Object(fields)) => {
            let mut text = Vec::with_capacity(fields.len());
            for (lang, t) in fields {
                match t {
                    Value::String(s) => text.push((lang.clone(), s.clone())),
                    other => issues.push(Issue::new(
                        path_key(path, lang),
                        cat!("expected a string, found ", other.kind()),
                    )),
                }
            }
            if text.is_empty() {
                issues.push(Issue::new(
                    path,
                    "needs at least one language, e.g. {\"en\": \"…\"}",
                ));
                return None;
            }
            Some(Text(text))
        }
        Some(other) => {
            issues.push(Issue::new(
                path,
                cat!(
                    "expected translations such as {\"en\": \"…\", \"fr\": \"…\"}, found ",
                    other.kind()
                ),
            ));
            None
        }
    }
}

fn read_strings(value: Option<&Value>, path: &str, issues: &mut Vec<Issue>) -> Vec<String> {
    match value {
        None => Vec::new(),
        Some(Value::Array(items)) => {
            // (A loop: `filter_map` and `collect` were more code in the browser's core.)
            let mut out = Vec::with_capacity(items.len());
            for (i, v) in items.iter().enumerate() {
                match v {
                    Value::String(s) => out.push(s.clone()),
                    other => issues.push(Issue::new(
                        path_index(path, i),
                        cat!("expected a string, found ", other.kind()),
                    )),
                }
            }
            out
        }
        Some(other) => {
            issues.push(Issue::new(
                path,
                cat!("expected a list of strings, found ", other.kind()),
            ));
            Vec::new()
        }
    }
}

fn read_bands(value: Option<&Value>, path: &str, issues: &mut Vec<Issue>) -> Option<Vec<Band>> {
    let items = match value {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) | None => {
            issues.push(Issue::new(
                path,
                "needs at least one band, e.g. [{\"id\": \"critical\", \"min\": 0}]",
            ));
            return None;
        }
        Some(other) => {
            issues.push(Issue::new(
                path,
                cat!("expected a list, found ", other.kind()),
            ));
            return None;
        }
    };
    let before = issues.len();
    let mut bands: Vec<Band> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = path_index(path, i);
        let Some(f) = Fields::open(item, &p, &["id", "min", "title"], issues) else {
            continue;
        };
        let id = f.string("id", true, issues);
        let min = f.number("min", None, issues);
        let title = read_text(f.get("title"), &f.at("title"), false, issues);
        if let Some(m) = min {
            if !(0.0..=100.0).contains(&m) {
                issues.push(Issue::new(f.at("min"), "must be between 0 and 100"));
            }
            if let Some(prev) = bands.last() {
                if m <= prev.min {
                    issues.push(Issue::new(
                        f.at("min"),
                        cat!(
                            "bands must be in ascending order of min: ",
                            num(m),
                            " is not above ",
                            num(prev.min)
                        ),
                    ));
                }
            } else if m > 0.0 {
                issues.push(Issue::new(
                    f.at("min"),
                    "the first band must start at 0, so that every score has a band",
                ));
            }
        }
        if let Some(id) = &id {
            if bands.iter().any(|b| &b.id == id) {
                issues.push(Issue::new(
                    f.at("id"),
                    cat!("duplicate band id ", quote(id)),
                ));
            }
        }
        if let (Some(id), Some(min)) = (id, min) {
            bands.push(Band { id, min, title });
        }
    }
    (issues.len() == before).then_some(bands)
}

fn valid_id(id: &str) -> bool {
    id.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// What reading the tree builds up, and what it checks against.
struct Tree<'a> {
    /// The framework's bands, when they could be read (for `cap_on_alarm`).
    bands: Option<&'a [Band]>,
    /// The risk factors that indicators' `foa` may cite.
    risk_factors: &'a [RiskFactor],
    /// The languages every measure's title must have.
    languages: &'a [String],
    nodes: &'a mut Vec<Node>,
    indicators: &'a mut Vec<usize>,
    issues: &'a mut Vec<Issue>,
}

fn read_node(value: &Value, path: &str, parent: Option<usize>, tree: &mut Tree) {
    let Some(f) = Fields::open(value, path, NODE_FIELDS, tree.issues) else {
        return;
    };
    let issues = &mut *tree.issues;
    let id = f.string("id", true, issues).unwrap_or_default();
    if !id.is_empty() && !valid_id(&id) {
        issues.push(Issue::new(
            f.at("id"),
            cat!(
                "id ",
                quote(&id),
                " may hold only letters, digits, '_', '.' and '-'"
            ),
        ));
    }
    let title = read_text(f.get("title"), &f.at("title"), true, issues).unwrap_or_default();
    let description = read_text(f.get("description"), &f.at("description"), false, issues);
    let weight = f.number("weight", Some(1.0), issues).unwrap_or(1.0);
    if weight <= 0.0 {
        issues.push(Issue::new(
            f.at("weight"),
            cat!("must be above 0, found ", num(weight)),
        ));
    }
    let (only_here, elsewhere) = match f.get("children") {
        Some(_) => (INNER_ONLY, LEAF_ONLY),
        None => (LEAF_ONLY, INNER_ONLY),
    };
    for key in elsewhere.iter().filter(|k| !only_here.contains(k)) {
        if f.get(key).is_some() {
            let why = if f.get("children").is_some() {
                "only indicators (nodes without children) have this field"
            } else {
                "only nodes with children have this field; add \"children\" or remove it"
            };
            issues.push(Issue::new(f.at(key), why));
        }
    }
    let kind = if f.get("children").is_some() {
        read_inner(&f, tree.bands, issues)
    } else {
        if RESERVED_IDS.contains(&id.as_str()) {
            issues.push(Issue::new(
                f.at("id"),
                cat!(
                    quote(&id),
                    " is reserved for a CSV column; choose another indicator id"
                ),
            ));
        }
        let mut ind = read_indicator(&f, tree.indicators.len(), issues);
        ind.foa = content::read_foa(f.get("foa"), &f.at("foa"), tree.risk_factors, issues);
        ind.measures =
            content::read_measures(f.get("measures"), &f.at("measures"), tree.languages, issues);
        Kind::Indicator(ind)
    };
    let index = tree.nodes.len();
    if matches!(kind, Kind::Indicator(_)) {
        tree.indicators.push(index);
    }
    tree.nodes.push(Node {
        id,
        title,
        description,
        weight,
        parent,
        kind,
    });
    if let Some(children) = f.get("children") {
        read_children(children, &f.at("children"), index, tree);
    }
}

fn read_children(value: &Value, path: &str, index: usize, tree: &mut Tree) {
    match value {
        Value::Array(items) if !items.is_empty() => {
            let mut child_indices = Vec::with_capacity(items.len());
            for (i, child) in items.iter().enumerate() {
                child_indices.push(tree.nodes.len());
                read_node(child, &path_index(path, i), Some(index), tree);
            }
            // A child that failed to read pushed no node; keep only real ones.
            child_indices.retain(|&c| c < tree.nodes.len());
            if let Kind::Inner { children, .. } = &mut tree.nodes[index].kind {
                *children = child_indices;
            }
        }
        Value::Array(_) => tree.issues.push(Issue::new(path, "must not be empty")),
        other => tree.issues.push(Issue::new(
            path,
            cat!("expected a list, found ", other.kind()),
        )),
    }
}

fn read_inner(f: &Fields, bands: Option<&[Band]>, issues: &mut Vec<Issue>) -> Kind {
    let mut aggregation = f
        .choice(
            "aggregation",
            AGGREGATIONS,
            Some(Aggregation::Arithmetic),
            issues,
        )
        .unwrap_or(Aggregation::Arithmetic);
    if let Aggregation::MeanMin { .. } = aggregation {
        let alpha = f.number("alpha", None, issues).unwrap_or(0.0);
        let beta = f.number("beta", Some(0.0), issues).unwrap_or(0.0);
        if !(0.0..=1.0).contains(&alpha) {
            issues.push(Issue::new(f.at("alpha"), "must be between 0 and 1"));
        }
        if beta < 0.0 {
            issues.push(Issue::new(f.at("beta"), "must be 0 or more"));
        }
        aggregation = Aggregation::MeanMin { alpha, beta };
    } else {
        for key in ["alpha", "beta"] {
            if f.get(key).is_some() {
                issues.push(Issue::new(
                    f.at(key),
                    "only \"mean_min\" aggregation takes alpha and beta",
                ));
            }
        }
    }
    if let Aggregation::PowerMean { .. } = aggregation {
        let p = f.number("p", None, issues).unwrap_or(1.0);
        aggregation = Aggregation::PowerMean { p };
    } else if f.get("p").is_some() {
        issues.push(Issue::new(
            f.at("p"),
            "only \"power_mean\" aggregation takes p",
        ));
    }
    let min_coverage = f.number("min_coverage", Some(0.0), issues).unwrap_or(0.0);
    if !(0.0..=1.0).contains(&min_coverage) {
        issues.push(Issue::new(f.at("min_coverage"), "must be between 0 and 1"));
    }
    let cap = f.string("cap_on_alarm", false, issues);
    let cap_on_alarm = match (cap, bands) {
        (Some(id), Some(bands)) => {
            let found = bands.iter().position(|b| b.id == id);
            if found.is_none() {
                let ids: Vec<&str> = bands.iter().map(|b| b.id.as_str()).collect();
                issues.push(Issue::new(
                    f.at("cap_on_alarm"),
                    cat!(
                        "unknown band ",
                        quote(&id),
                        "; expected one of: ",
                        crate::cat::list(&ids)
                    ),
                ));
            }
            found
        }
        _ => None,
    };
    Kind::Inner {
        aggregation,
        min_coverage,
        children: Vec::new(),
        cap_on_alarm,
    }
}

fn read_indicator(f: &Fields, index: usize, issues: &mut Vec<Issue>) -> Indicator {
    let normalisation = f
        .choice(
            "normalisation",
            NORMALISATIONS,
            Some(Normalisation::Scale),
            issues,
        )
        .unwrap_or(Normalisation::Scale);
    let scale = read_scale(f.get("scale"), &f.at("scale"), issues);
    if normalisation == Normalisation::Scale && f.get("scale").is_none() {
        issues.push(Issue::new(
            f.at("scale"),
            "is required for \"scale\" normalisation (give {\"min\": …, \"max\": …}, or use \"minmax\" or \"rank\")",
        ));
    }
    let critical = match f.get("critical") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            issues.push(Issue::new(
                f.at("critical"),
                cat!("expected true or false, found ", other.kind()),
            ));
            false
        }
    };
    if critical && f.get("scale").is_none() {
        issues.push(Issue::new(
            f.at("critical"),
            "a critical indicator needs a \"scale\": the bottom of its scale is what raises the alarm",
        ));
    }
    let normalisation = with_parameters(f, normalisation, scale.as_ref(), issues);
    let normalised_range = read_range(f, normalisation, issues);
    Indicator {
        index,
        scale,
        direction: f
            .choice(
                "direction",
                DIRECTIONS,
                Some(Direction::HigherIsBetter),
                issues,
            )
            .unwrap_or(Direction::HigherIsBetter),
        normalisation,
        normalised_range,
        definition: read_text(f.get("definition"), &f.at("definition"), false, issues),
        guidance: read_text(f.get("guidance"), &f.at("guidance"), false, issues),
        sources: read_strings(f.get("sources"), &f.at("sources"), issues),
        critical,
        foa: Vec::new(),
        measures: Vec::new(),
    }
}

/// `method` with its parameters: `zscore`'s mean and sd, `distance_to_target`'s target; and
/// an issue for each parameter of another method.
fn with_parameters(
    f: &Fields,
    method: Normalisation,
    scale: Option<&Scale>,
    issues: &mut Vec<Issue>,
) -> Normalisation {
    let mut stray = |key: &str, owner: &str| {
        if f.get(key).is_some() {
            issues.push(Issue::new(
                f.at(key),
                cat!("only \"", owner, "\" normalisation takes ", key),
            ));
        }
    };
    match method {
        Normalisation::ZScore { .. } => {
            stray("target", "distance_to_target");
            read_zscore(f.get("zscore"), &f.at("zscore"), issues)
        }
        Normalisation::DistanceToTarget { .. } => {
            stray("zscore", "zscore");
            let target = f.number("target", None, issues).unwrap_or(0.0);
            if let Some(s) = scale {
                if target < s.min || target > s.max {
                    issues.push(Issue::new(
                        f.at("target"),
                        cat!(
                            "target ",
                            num(target),
                            " lies outside the scale ",
                            num(s.min),
                            "–",
                            num(s.max)
                        ),
                    ));
                }
            }
            Normalisation::DistanceToTarget { target }
        }
        other => {
            stray("zscore", "zscore");
            stray("target", "distance_to_target");
            other
        }
    }
}

/// `"zscore": {"mean": …, "sd": …}`, each optional: COINr's default is mean 0, sd 1.
fn read_zscore(value: Option<&Value>, path: &str, issues: &mut Vec<Issue>) -> Normalisation {
    let (mut mean, mut sd) = (0.0, 1.0);
    if let Some(z) = value.and_then(|v| Fields::open(v, path, &["mean", "sd"], issues)) {
        mean = z.number("mean", Some(0.0), issues).unwrap_or(0.0);
        sd = z.number("sd", Some(1.0), issues).unwrap_or(1.0);
        if sd <= 0.0 {
            issues.push(Issue::new(
                z.at("sd"),
                cat!("must be above 0, found ", num(sd)),
            ));
        }
    }
    Normalisation::ZScore { mean, sd }
}

/// `"normalised_range": [lowest, highest]`, `DEFAULT_RANGE` when absent.
fn read_range(f: &Fields, method: Normalisation, issues: &mut Vec<Issue>) -> (f64, f64) {
    let Some(value) = f.get("normalised_range") else {
        return DEFAULT_RANGE;
    };
    let path = f.at("normalised_range");
    if let Normalisation::ZScore { .. } = method {
        issues.push(Issue::new(
            path,
            "a z-score has no range: give its mean and standard deviation as \"zscore\": {\"mean\": …, \"sd\": …}",
        ));
        return DEFAULT_RANGE;
    }
    let items = match value {
        Value::Array(items) if items.len() == 2 => items,
        other => {
            let found = match other {
                Value::Array(items) => cat!("a list of ", Whole(items.len())),
                other => other.kind().to_string(),
            };
            issues.push(Issue::new(
                path,
                cat!("expected [lowest, highest], e.g. [1, 100], found ", found),
            ));
            return DEFAULT_RANGE;
        }
    };
    let mut bound = |i: usize| match &items[i] {
        Value::Number(x) if x.is_finite() => Some(*x),
        other => {
            issues.push(Issue::new(
                path_index(&path, i),
                cat!("expected a finite number, found ", other.kind()),
            ));
            None
        }
    };
    match (bound(0), bound(1)) {
        (Some(lo), Some(hi)) if lo < hi => (lo, hi),
        (Some(lo), Some(hi)) => {
            issues.push(Issue::new(
                path,
                cat!(
                    "the lowest score (",
                    num(lo),
                    ") must be below the highest (",
                    num(hi),
                    ")"
                ),
            ));
            DEFAULT_RANGE
        }
        _ => DEFAULT_RANGE,
    }
}

fn read_scale(value: Option<&Value>, path: &str, issues: &mut Vec<Issue>) -> Option<Scale> {
    let value = value?;
    let f = Fields::open(value, path, &["min", "max", "anchors"], issues)?;
    let min = f.number("min", None, issues);
    let max = f.number("max", None, issues);
    let (min, max) = (min?, max?);
    if min >= max {
        issues.push(Issue::new(
            path,
            cat!("min (", num(min), ") must be below max (", num(max), ")"),
        ));
        return None;
    }
    let mut anchors: Vec<Anchor> = Vec::new();
    match f.get("anchors") {
        None => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let p = path_index(&f.at("anchors"), i);
                let Some(a) = Fields::open(item, &p, &["value", "label"], issues) else {
                    continue;
                };
                let value = a.number("value", None, issues);
                let label = read_text(a.get("label"), &a.at("label"), true, issues);
                if let Some(v) = value {
                    if v < min || v > max {
                        issues.push(Issue::new(
                            a.at("value"),
                            cat!(
                                "anchor ",
                                num(v),
                                " lies outside the scale ",
                                num(min),
                                "–",
                                num(max)
                            ),
                        ));
                    }
                    if anchors.last().is_some_and(|prev| v <= prev.value) {
                        issues.push(Issue::new(
                            a.at("value"),
                            "anchors must be in ascending order",
                        ));
                    }
                }
                if let (Some(value), Some(label)) = (value, label) {
                    anchors.push(Anchor { value, label });
                }
            }
        }
        Some(other) => issues.push(Issue::new(
            f.at("anchors"),
            cat!("expected a list, found ", other.kind()),
        )),
    }
    Some(Scale { min, max, anchors })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Framework, Vec<Issue>> {
        Framework::from_value(&serde_json::from_str(text).unwrap())
    }

    #[test]
    fn default_framework_reads_and_round_trips() {
        let v: Value = serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap();
        let fw = Framework::from_value(&v).unwrap();
        assert_eq!(fw.pillars().len(), 4);
        assert_eq!(fw.indicators.len(), 28);
        let again = Framework::from_value(&fw.to_value()).unwrap();
        assert_eq!(again, fw);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let issues = parse(
            r#"{"id": "x", "version": "1", "title": {"en": "X"},
                "bands": [{"id": "a", "min": 0}, {"id": "b", "min": 50}, {"id": "c", "min": 40}],
                "root": {"id": "root", "title": {"en": "R"}, "aggregation": "median",
                  "children": [
                    {"id": "p", "title": {"en": "P"}, "weight": 0, "children": [
                      {"id": "p.a", "title": {"en": "A"}, "scale": {"min": 4, "max": 0}},
                      {"id": "p.a", "title": {"en": "A2"}, "scale": {"min": 0, "max": 4}, "weight": -1},
                      {"id": "p.b", "title": {"en": "B"}}
                    ]}]}}"#,
        )
        .unwrap_err();
        let text: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
        let has = |needle: &str| text.iter().any(|t| t.contains(needle));
        assert!(
            has("$.bands[2].min: bands must be in ascending order"),
            "{text:#?}"
        );
        assert!(
            has("$.root.aggregation: unknown aggregation \"median\""),
            "{text:#?}"
        );
        assert!(
            has("$.root.children[0].weight: must be above 0"),
            "{text:#?}"
        );
        assert!(
            has("$.root.children[0].children[0].scale: min (4) must be below max (0)"),
            "{text:#?}"
        );
        assert!(
            has("$.root.children[0].children[1].weight: must be above 0"),
            "{text:#?}"
        );
        assert!(
            has("$.root.children[0].children[2].scale: is required"),
            "{text:#?}"
        );
        assert!(has("duplicate node id \"p.a\""), "{text:#?}");
        assert_eq!(issues.len(), 7, "{text:#?}");
    }

    #[test]
    fn non_finite_weights_and_wrong_types_are_named() {
        let mut v: Value = serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap();
        if let Value::Object(f) = &mut v {
            let root = &mut f.iter_mut().find(|(k, _)| k == "root").unwrap().1;
            if let Value::Object(rf) = root {
                rf.push(("weight".into(), Value::Number(f64::NAN)));
                rf.push(("wieght".into(), Value::Number(1.0)));
            }
        }
        let issues = Framework::from_value(&v).unwrap_err();
        assert_eq!(issues[0].path, "$.root.wieght");
        assert!(issues[0].message.contains("unknown field"));
        assert_eq!(issues[1].path, "$.root.weight");
        assert!(issues[1].message.contains("NaN"));
    }

    /// A one-pillar framework over indicators `x` (with `x_fields`) and `y` (a 0–4 scale),
    /// the pillar with `group_fields`.
    fn two(group_fields: &str, x_fields: &str) -> Result<Framework, Vec<Issue>> {
        parse(&format!(
            r#"{{"id": "t", "version": "1", "title": {{"en": "T"}}, "bands": [{{"id": "all", "min": 0}}],
                "root": {{"id": "r", "title": {{"en": "R"}}, "children": [
                  {{"id": "p", "title": {{"en": "P"}}, {group_fields} "children": [
                    {{"id": "x", "title": {{"en": "X"}}, {x_fields}}},
                    {{"id": "y", "title": {{"en": "Y"}}, "scale": {{"min": 0, "max": 4}}}}]}}]}}}}"#
        ))
    }

    fn problems(result: Result<Framework, Vec<Issue>>) -> Vec<String> {
        result.unwrap_err().iter().map(|i| i.to_string()).collect()
    }

    #[test]
    fn method_parameters_are_read_and_written_back() {
        let fw = two(
            r#""aggregation": "power_mean", "p": -2,"#,
            r#""normalisation": "zscore", "zscore": {"mean": 10, "sd": 2}, "direction": "higher_is_worse""#,
        )
        .unwrap();
        let (p, x) = (fw.node("p").unwrap(), fw.indicator(0).1);
        assert!(matches!(
            fw.nodes[p].kind,
            Kind::Inner { aggregation: Aggregation::PowerMean { p }, .. } if p == -2.0
        ));
        assert_eq!(
            x.normalisation,
            Normalisation::ZScore {
                mean: 10.0,
                sd: 2.0
            }
        );
        // z-scores have no bounds, and a group spans its parts' ranges.
        assert_eq!(fw.range(p), (f64::NEG_INFINITY, f64::INFINITY));
        assert_eq!(Framework::from_value(&fw.to_value()).unwrap(), fw);

        let fw = two(
            "",
            r#""normalisation": "distance_to_target", "target": 3, "scale": {"min": 0, "max": 4}, "normalised_range": [1, 100]"#,
        )
        .unwrap();
        let x = fw.indicator(0).1;
        assert_eq!(
            x.normalisation,
            Normalisation::DistanceToTarget { target: 3.0 }
        );
        assert_eq!(x.normalised_range, (1.0, 100.0));
        assert_eq!(fw.range(fw.node("p").unwrap()), (0.0, 100.0));
        assert_eq!(Framework::from_value(&fw.to_value()).unwrap(), fw);
        // The default range is not written out.
        let zscore_default = two("", r#""normalisation": "zscore""#).unwrap();
        assert_eq!(
            zscore_default.indicator(0).1.normalisation,
            Normalisation::ZScore { mean: 0.0, sd: 1.0 }
        );
        let text =
            serde_json::to_string(&two("", r#""normalisation": "minmax""#).unwrap().to_value())
                .unwrap();
        assert!(!text.contains("normalised_range"), "{text}");
    }

    #[test]
    fn method_parameters_are_checked_with_their_paths() {
        let x = "$.root.children[0].children[0]";
        let cases: &[(&str, &str, &str)] = &[
            (r#""p": 2,"#, r#""scale": {"min": 0, "max": 4}"#, "$.root.children[0].p: only \"power_mean\" aggregation takes p"),
            (r#""aggregation": "power_mean","#, r#""scale": {"min": 0, "max": 4}"#, "$.root.children[0].p: is required"),
            ("", r#""normalisation": "zscore", "normalised_range": [0, 1]"#, "children[0].normalised_range: a z-score has no range"),
            ("", r#""normalisation": "zscore", "zscore": {"sd": 0}"#, "children[0].zscore.sd: must be above 0, found 0"),
            ("", r#""normalisation": "zscore", "zscore": {"mu": 1}"#, "children[0].zscore.mu: unknown field"),
            ("", r#""normalisation": "minmax", "zscore": {"sd": 1}"#, "children[0].zscore: only \"zscore\" normalisation takes zscore"),
            ("", r#""normalisation": "minmax", "target": 1"#, "children[0].target: only \"distance_to_target\" normalisation takes target"),
            ("", r#""normalisation": "distance_to_target""#, "children[0].target: is required"),
            ("", r#""normalisation": "distance_to_target", "target": 5, "scale": {"min": 0, "max": 4}"#, "children[0].target: target 5 lies outside the scale 0–4"),
            ("", r#""normalisation": "minmax", "normalised_range": [100, 1]"#, "children[0].normalised_range: the lowest score (100) must be below the highest (1)"),
            ("", r#""normalisation": "minmax", "normalised_range": [0, "a"]"#, "children[0].normalised_range[1]: expected a finite number, found a string"),
            ("", r#""normalisation": "minmax", "normalised_range": [1, 2, 3]"#, "children[0].normalised_range: expected [lowest, highest], e.g. [1, 100], found a list of 3"),
            (r#""normalised_range": [1, 100],"#, r#""scale": {"min": 0, "max": 4}"#, "$.root.children[0].normalised_range: only indicators"),
            ("", r#""normalisation": "median""#, "children[0].normalisation: unknown normalisation \"median\""),
        ];
        for (group, fields, want) in cases {
            let found = problems(two(group, fields));
            assert!(
                found
                    .iter()
                    .any(|f| f.contains(want) && (f.starts_with(x) || want.starts_with('$'))),
                "{group} {fields}: wanted {want:?} in {found:#?}"
            );
        }
    }

    #[test]
    fn warnings_name_means_over_parts_that_can_score_0() {
        let default =
            Framework::from_value(&serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap()).unwrap();
        assert_eq!(default.warnings(), []);
        // y's scale reaches 0 (its range starts at 0): the geometric pillar is named.
        let fw = two(
            r#""aggregation": "geometric","#,
            r#""normalisation": "minmax", "normalised_range": [1, 100]"#,
        )
        .unwrap();
        let w = fw.warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].path, "$.root.children[0].aggregation");
        assert!(w[0].message.contains("and y can"), "{}", w[0].message);
        assert!(
            w[0].message.contains("normalised_range"),
            "{}",
            w[0].message
        );
        // A power mean with p > 0 takes 0, not below: z-scores are named.
        let fw = two(
            r#""aggregation": "power_mean", "p": 0.5,"#,
            r#""normalisation": "zscore""#,
        )
        .unwrap();
        let w = fw.warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].message.contains("below 0, and x can"),
            "{}",
            w[0].message
        );
        // The root's geometric mean over the pillar, which spans x's and y's ranges.
        let fw = parse(
            r#"{"id": "t", "version": "1", "title": {"en": "T"}, "bands": [{"id": "all", "min": 0}],
                "root": {"id": "r", "title": {"en": "R"}, "aggregation": "harmonic", "children": [
                  {"id": "p", "title": {"en": "P"}, "children": [
                    {"id": "x", "title": {"en": "X"}, "normalisation": "rank", "normalised_range": [1, 5]}]},
                  {"id": "q", "title": {"en": "Q"}, "normalisation": "rank"}]}}"#,
        )
        .unwrap();
        let w = fw.warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].path, "$.root.aggregation");
        assert!(w[0].message.contains(", and q can"), "{}", w[0].message);
        assert_eq!(
            fw.path(fw.node("x").unwrap()),
            "$.root.children[0].children[0]"
        );
    }

    #[test]
    fn bands_pick_the_last_band_at_or_below_the_score() {
        let fw =
            Framework::from_value(&serde_json::from_str(DEFAULT_FRAMEWORK_JSON).unwrap()).unwrap();
        // The bands centre on the anchors: all at 1 (25) is weak, all at 0 critical.
        assert_eq!(fw.band(0.0), Some("critical"));
        assert_eq!(fw.band(12.499), Some("critical"));
        assert_eq!(fw.band(12.5), Some("weak"));
        assert_eq!(fw.band(25.0), Some("weak"));
        assert_eq!(fw.band(37.5), Some("moderate"));
        assert_eq!(fw.band(62.5), Some("strong"));
        assert_eq!(fw.band(87.5), Some("very_strong"));
        assert_eq!(fw.band(100.0), Some("very_strong"));
        assert_eq!(fw.band(f64::NAN), None);
    }
}
