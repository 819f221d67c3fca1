#include "faultplanjson.h"

#include "apirequest.h"
#include "pathpattern.h"
#include "sandboxes/sandboxaddress.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

template<typename Kind>
struct KindName
{
    Kind kind;
    QStringView name;
};

constexpr KindName<FaultAction::Kind> actionKinds[] = {
    {FaultAction::Kind::Status, u"status"},
    {FaultAction::Kind::Latency, u"latency"},
    {FaultAction::Kind::Drop, u"drop"},
    {FaultAction::Kind::Reset, u"reset"},
    {FaultAction::Kind::MalformedBody, u"malformed_body"},
    {FaultAction::Kind::EmptyBody, u"empty_body"},
    {FaultAction::Kind::WrongContentType, u"wrong_content_type"},
    {FaultAction::Kind::SlowBody, u"slow_body"},
};

constexpr KindName<FaultTrigger::Kind> triggerKinds[] = {
    {FaultTrigger::Kind::Always, u"always"},
    {FaultTrigger::Kind::Probability, u"probability"},
    {FaultTrigger::Kind::NextN, u"next"},
    {FaultTrigger::Kind::EveryNth, u"every"},
};

constexpr qint64 MaxSeed = std::numeric_limits<quint32>::max();

template<typename Kind, std::size_t N>
QString nameOf(const KindName<Kind> (&table)[N], Kind kind)
{
    for (const auto &entry : table) {
        if (entry.kind == kind)
            return entry.name.toString();
    }
    return {};
}

template<typename Kind, std::size_t N>
std::optional<Kind> kindOf(const KindName<Kind> (&table)[N], const QJsonValue &value)
{
    for (const auto &entry : table) {
        if (value.isString() && value.toString() == entry.name)
            return entry.kind;
    }
    return std::nullopt;
}

// `"always", "probability", "next", "every"`
template<typename Kind, std::size_t N>
QString quotedNames(const KindName<Kind> (&table)[N])
{
    QStringList names;
    for (const auto &entry : table)
        names.append(u"\"%1\""_s.arg(entry.name));
    return names.join(u", "_s);
}

// JSON has one number type: 5 and 5.0 are the same whole number; 5.5, "5" and true are not.
std::optional<qint64> wholeNumber(const QJsonValue &value, qint64 min, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || number < double(min) ||
        number > double(max))
        return std::nullopt;
    return qint64(number);
}

QString memberPath(const QString &objectPath, QStringView key)
{
    return objectPath.isEmpty() ? key.toString() : objectPath + u'.' + key;
}

QJsonObject latencyJson(const LatencyFault &latency)
{
    return {{u"enabled"_s, latency.enabled},
            {u"fixed_ms"_s, latency.fixedMs},
            {u"jitter_ms"_s, latency.jitterMs},
            {u"exempt_health"_s, latency.exemptHealth}};
}

QJsonObject rateLimitJson(const RateLimitFault &rateLimit)
{
    return {{u"enabled"_s, rateLimit.enabled},
            {u"limit"_s, rateLimit.limit},
            {u"window_seconds"_s, rateLimit.windowSeconds}};
}

// Every member, the ones the type ignores included, so that a file keeps what the panel showed.
QJsonObject ruleJson(const FaultRule &rule)
{
    const QJsonObject action{{u"type"_s, nameOf(actionKinds, rule.action.kind)},
                             {u"status"_s, rule.action.status},
                             {u"latency_ms"_s, rule.action.latencyMs},
                             {u"duration_ms"_s, rule.action.durationMs}};
    const QJsonObject trigger{{u"type"_s, nameOf(triggerKinds, rule.trigger.kind)},
                              {u"percent"_s, rule.trigger.percent},
                              {u"count"_s, rule.trigger.count}};
    QJsonObject json{
        {u"enabled"_s, rule.enabled},
        {u"method"_s, rule.method.isEmpty() ? u"*"_s : QString::fromLatin1(rule.method)},
        {u"path"_s, rule.path},
        {u"action"_s, action},
        {u"trigger"_s, trigger}};
    if (!rule.sandboxes.isEmpty())
        json.insert(u"sandboxes"_s, QJsonArray::fromStringList(rule.sandboxes));
    return json;
}

// Reads a plan member by member; the first problem ends the reading and names the member.
class Parser
{
public:
    std::optional<FaultPlan> parse(const QJsonObject &root);
    const QString &error() const { return m_error; }

private:
    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }

    bool onlyKnownMembers(const QJsonObject &object, const QString &path,
                          std::initializer_list<QStringView> known);
    bool readObject(const QJsonObject &parent, const QString &parentPath, QStringView key,
                    QJsonObject &out);
    bool readBool(const QJsonObject &object, const QString &path, QStringView key, bool &out);
    bool readWhole(const QJsonObject &object, const QString &path, QStringView key, int min,
                   int max, int &out);

    bool readLatency(const QJsonObject &root, LatencyFault &latency);
    bool readRateLimit(const QJsonObject &root, RateLimitFault &rateLimit);
    bool readRules(const QJsonObject &root, QList<FaultRule> &rules);
    bool readRule(const QJsonValue &value, const QString &path, FaultRule &rule);
    bool readMethod(const QJsonObject &object, const QString &path, QByteArray &method);
    bool readSandboxes(const QJsonObject &object, const QString &path, QStringList &names);
    bool readPath(const QJsonObject &object, const QString &path, QString &pattern);
    bool readAction(const QJsonObject &rule, const QString &rulePath, FaultAction &action);
    bool readTrigger(const QJsonObject &rule, const QString &rulePath, FaultTrigger &trigger);
    bool readSeed(const QJsonObject &root, std::optional<quint32> &seed);

    QString m_error;
};

std::optional<FaultPlan> Parser::parse(const QJsonObject &root)
{
    FaultPlan plan;
    const bool ok = onlyKnownMembers(root, {}, {u"latency", u"rate_limit", u"rules", u"seed"}) &&
                    readLatency(root, plan.latency) && readRateLimit(root, plan.rateLimit) &&
                    readRules(root, plan.rules) && readSeed(root, plan.seed);
    if (!ok)
        return std::nullopt;
    return plan;
}

// Unknown members are refused: in a hand-written file they are nearly always typos.
bool Parser::onlyKnownMembers(const QJsonObject &object, const QString &path,
                              std::initializer_list<QStringView> known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            return fail(u"unknown member \"%1\""_s.arg(memberPath(path, it.key())));
    }
    return true;
}

// An absent object leaves `out` empty, so that every member inside takes its default.
bool Parser::readObject(const QJsonObject &parent, const QString &parentPath, QStringView key,
                        QJsonObject &out)
{
    const QJsonValue value = parent.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isObject())
        return fail(memberPath(parentPath, key) + u" must be an object"_s);
    out = value.toObject();
    return true;
}

bool Parser::readBool(const QJsonObject &object, const QString &path, QStringView key, bool &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isBool())
        return fail(memberPath(path, key) + u" must be true or false"_s);
    out = value.toBool();
    return true;
}

bool Parser::readWhole(const QJsonObject &object, const QString &path, QStringView key, int min,
                       int max, int &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    const std::optional<qint64> number = wholeNumber(value, min, max);
    if (!number)
        return fail(u"%1 must be a whole number from %2 to %3"_s.arg(memberPath(path, key))
                        .arg(min)
                        .arg(max));
    out = int(*number);
    return true;
}

bool Parser::readLatency(const QJsonObject &root, LatencyFault &latency)
{
    const QString path = u"latency"_s;
    QJsonObject object;
    return readObject(root, {}, path, object) &&
           onlyKnownMembers(object, path,
                            {u"enabled", u"fixed_ms", u"jitter_ms", u"exempt_health"}) &&
           readBool(object, path, u"enabled", latency.enabled) &&
           readWhole(object, path, u"fixed_ms", 0, LatencyFault::MaxMs, latency.fixedMs) &&
           readWhole(object, path, u"jitter_ms", 0, LatencyFault::MaxMs, latency.jitterMs) &&
           readBool(object, path, u"exempt_health", latency.exemptHealth);
}

bool Parser::readRateLimit(const QJsonObject &root, RateLimitFault &rateLimit)
{
    const QString path = u"rate_limit"_s;
    QJsonObject object;
    return readObject(root, {}, path, object) &&
           onlyKnownMembers(object, path, {u"enabled", u"limit", u"window_seconds"}) &&
           readBool(object, path, u"enabled", rateLimit.enabled) &&
           readWhole(object, path, u"limit", 1, RateLimitFault::MaxLimit, rateLimit.limit) &&
           readWhole(object, path, u"window_seconds", 1, RateLimitFault::MaxWindowSeconds,
                     rateLimit.windowSeconds);
}

bool Parser::readRules(const QJsonObject &root, QList<FaultRule> &rules)
{
    const QJsonValue value = root.value(u"rules");
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return fail(u"rules must be an array"_s);
    const QJsonArray array = value.toArray();
    if (array.size() > FaultPlan::MaxRules)
        return fail(u"rules may hold at most %1 rules, not %2"_s.arg(FaultPlan::MaxRules)
                        .arg(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        FaultRule rule;
        if (!readRule(array.at(i), u"rules[%1]"_s.arg(i), rule))
            return false;
        rules.append(rule);
    }
    return true;
}

bool Parser::readRule(const QJsonValue &value, const QString &path, FaultRule &rule)
{
    if (!value.isObject())
        return fail(path + u" must be an object"_s);
    const QJsonObject object = value.toObject();
    return onlyKnownMembers(
               object, path,
               {u"enabled", u"method", u"path", u"action", u"trigger", u"sandboxes"}) &&
           readBool(object, path, u"enabled", rule.enabled) &&
           readMethod(object, path, rule.method) && readPath(object, path, rule.path) &&
           readAction(object, path, rule.action) && readTrigger(object, path, rule.trigger) &&
           readSandboxes(object, path, rule.sandboxes);
}

bool Parser::readSandboxes(const QJsonObject &object, const QString &path, QStringList &names)
{
    const QJsonValue value = object.value(u"sandboxes");
    if (value.isUndefined())
        return true;
    const QString member = memberPath(path, u"sandboxes");
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.isEmpty() || array.size() > FaultRule::MaxSandboxes) {
        return fail(member + u" must be an array of 1 to %1 sandbox names (leave it out for every "
                             u"sandbox)"_s.arg(FaultRule::MaxSandboxes));
    }
    names.clear();
    for (const QJsonValue &name : array) {
        if (!name.isString() || !SandboxAddress::isValidName(name.toString()))
            return fail(member + u": "_s + SandboxAddress::invalidName().message);
        const QString lower = name.toString().toLower();
        if (!names.contains(lower))
            names.append(lower);
    }
    return true;
}

bool Parser::readMethod(const QJsonObject &object, const QString &path, QByteArray &method)
{
    const QJsonValue value = object.value(u"method");
    if (value.isUndefined())
        return true;
    const QString text = value.toString().toUpper();
    if (text == u"*") {
        method.clear();
        return true;
    }
    const bool known = value.isString() && commonHttpMethods().contains(text.toLatin1());
    if (!known)
        return fail(memberPath(path, u"method") +
                    u" must be an HTTP method such as \"GET\" or \"*\" for any"_s);
    method = text.toLatin1();
    return true;
}

bool Parser::readPath(const QJsonObject &object, const QString &path, QString &pattern)
{
    const QJsonValue value = object.value(u"path");
    if (value.isUndefined())
        return true;
    if (!value.isString())
        return fail(memberPath(path, u"path") + u" must be a string"_s);
    const QString problem = PathPattern::problem(value.toString());
    if (!problem.isEmpty())
        return fail(memberPath(path, u"path") + u": "_s + problem);
    pattern = value.toString();
    return true;
}

bool Parser::readAction(const QJsonObject &rule, const QString &rulePath, FaultAction &action)
{
    const QString path = memberPath(rulePath, u"action");
    QJsonObject object;
    if (!readObject(rule, rulePath, u"action", object) ||
        !onlyKnownMembers(object, path, {u"type", u"status", u"latency_ms", u"duration_ms"}))
        return false;
    if (object.contains(u"type")) {
        const auto kind = kindOf(actionKinds, object.value(u"type"));
        if (!kind)
            return fail(memberPath(path, u"type") + u" must be one of "_s +
                        quotedNames(actionKinds));
        action.kind = *kind;
    }
    return readWhole(object, path, u"status", 400, 599, action.status) &&
           readWhole(object, path, u"latency_ms", 1, LatencyFault::MaxMs, action.latencyMs) &&
           readWhole(object, path, u"duration_ms", 1, FaultAction::MaxDurationMs,
                     action.durationMs);
}

bool Parser::readTrigger(const QJsonObject &rule, const QString &rulePath, FaultTrigger &trigger)
{
    const QString path = memberPath(rulePath, u"trigger");
    QJsonObject object;
    if (!readObject(rule, rulePath, u"trigger", object) ||
        !onlyKnownMembers(object, path, {u"type", u"percent", u"count"}))
        return false;
    if (object.contains(u"type")) {
        const auto kind = kindOf(triggerKinds, object.value(u"type"));
        if (!kind)
            return fail(memberPath(path, u"type") + u" must be one of "_s +
                        quotedNames(triggerKinds));
        trigger.kind = *kind;
    }
    return readWhole(object, path, u"percent", 0, 100, trigger.percent) &&
           readWhole(object, path, u"count", 1, FaultTrigger::MaxCount, trigger.count);
}

bool Parser::readSeed(const QJsonObject &root, std::optional<quint32> &seed)
{
    const QJsonValue value = root.value(u"seed");
    if (value.isUndefined() || value.isNull()) {
        seed.reset();
        return true;
    }
    const std::optional<qint64> number = wholeNumber(value, 0, MaxSeed);
    if (!number)
        return fail(u"seed must be a whole number from 0 to %1 or null"_s.arg(MaxSeed));
    seed = quint32(*number);
    return true;
}

bool isJsonValue(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + bytes + ']', &parseError);
    return parseError.error == QJsonParseError::NoError && wrapped.array().size() == 1;
}

} // namespace

namespace FaultPlanJson {

QJsonObject toJson(const FaultPlan &plan)
{
    QJsonArray rules;
    for (const FaultRule &rule : plan.rules)
        rules.append(ruleJson(rule));
    return {{u"latency"_s, latencyJson(plan.latency)},
            {u"rate_limit"_s, rateLimitJson(plan.rateLimit)},
            {u"rules"_s, rules},
            {u"seed"_s, plan.seed ? QJsonValue(qint64(*plan.seed)) : QJsonValue(QJsonValue::Null)}};
}

QByteArray toBytes(const FaultPlan &plan)
{
    return QJsonDocument(toJson(plan)).toJson(QJsonDocument::Indented);
}

Parsed fromJson(const QJsonObject &object)
{
    Parser parser;
    const std::optional<FaultPlan> plan = parser.parse(object);
    if (!plan)
        return {FaultPlan(), parser.error()};
    return {*plan, QString()};
}

Parsed fromBytes(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    // QJsonDocument refuses a lone value such as 42, which is valid JSON, just not a plan.
    if (parseError.error != QJsonParseError::NoError && !isJsonValue(bytes))
        return {FaultPlan(),
                u"The fault plan is not valid JSON: %1 at offset %2"_s.arg(parseError.errorString())
                    .arg(parseError.offset)};
    if (!document.isObject())
        return {FaultPlan(), u"The fault plan must be a JSON object"_s};
    return fromJson(document.object());
}

} // namespace FaultPlanJson
