#include "tokenservice.h"

#include "envelope.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

constexpr int PruneIntervalSeconds = 60;
constexpr int SequenceDigits = 16; // hexadecimal digits of the sequence at the front of a jti

} // namespace

TokenService::TokenService(QByteArray secret, qint64 lifetimeSeconds, Clock clock, QObject *parent)
    : QObject(parent)
    , m_codec(std::move(secret))
    , m_lifetimeSeconds(lifetimeSeconds)
    , m_clock(std::move(clock))
{}

quint64 TokenService::sequenceAt(const QDateTime &time)
{
    // Milliseconds of the clock, times 1,000 to leave room for more than one token a
    // millisecond.
    return quint64(std::max<qint64>(0, time.toMSecsSinceEpoch())) * 1000;
}

quint64 TokenService::nextSequence()
{
    m_lastSequence = std::max(m_lastSequence + 1, sequenceAt(m_clock()));
    return m_lastSequence;
}

qint64 TokenService::lifetimeSeconds(TokenType type) const
{
    return type == TokenType::Refresh ? m_refreshLifetimeSeconds : m_lifetimeSeconds;
}

TokenService::Issued TokenService::issue(const User &user, TokenType type, bool fresh)
{
    TokenRecord record;
    record.sequence = nextSequence();
    record.jti = QString::number(record.sequence, 16).rightJustified(SequenceDigits, u'0') + u'-' +
                 QLatin1StringView(pooledRandomBytes(8).toHex());
    record.userId = user.id;
    record.email = user.email;
    record.type = type;
    record.fresh = fresh && type == TokenType::Access;
    const QDateTime now = m_clock();
    record.issuedAt = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
    record.expiresAt = record.issuedAt.addSecs(lifetimeSeconds(type));

    // Written by hand: two tokens per login, and a QJsonObject costs an allocation per claim.
    const QByteArray claims = JsonObjectWriter()
                                  .string("email"_L1, user.email)
                                  .number("exp"_L1, record.expiresAt.toSecsSinceEpoch())
                                  .boolean("fresh"_L1, record.fresh)
                                  .number("iat"_L1, record.issuedAt.toSecsSinceEpoch())
                                  .string("jti"_L1, record.jti)
                                  .string("role"_L1, roleName(user.role))
                                  .string("sub"_L1, QString::number(user.id))
                                  .string("type"_L1, tokenTypeName(type))
                                  .finish();
    Issued issued{m_codec.signJson(claims), record};
    emit tokenIssued(record);
    return issued;
}

JwtCodec::Result TokenService::verify(QByteArrayView token) const
{
    return m_codec.verify(token, m_clock().toSecsSinceEpoch());
}

std::optional<TokenRecord> TokenService::recordOf(const QJsonObject &claims)
{
    TokenRecord record;
    const QString type = claims.value(u"type"_s).toString();
    if (type != u"access" && type != u"refresh")
        return std::nullopt;
    record.type = type == u"refresh" ? TokenType::Refresh : TokenType::Access;
    bool isNumber = false;
    record.userId = claims.value(u"sub"_s).toString().toLongLong(&isNumber);
    if (!isNumber)
        return std::nullopt;
    record.jti = claims.value(u"jti"_s).toString();
    // A jti without the sequence in front (from an older version) counts as issued at 0: before
    // every cut-off.
    if (record.jti.size() > SequenceDigits && record.jti.at(SequenceDigits) == u'-')
        record.sequence = record.jti.left(SequenceDigits).toULongLong(&isNumber, 16);
    if (!isNumber)
        record.sequence = 0;
    record.email = claims.value(u"email"_s).toString();
    record.fresh = claims.value(u"fresh"_s).toBool();
    record.issuedAt = QDateTime::fromSecsSinceEpoch(claims.value(u"iat"_s).toInteger(), Qt::UTC);
    record.expiresAt = QDateTime::fromSecsSinceEpoch(claims.value(u"exp"_s).toInteger(), Qt::UTC);
    return record;
}

void TokenService::announce(const TokenRevocation &revocation)
{
    const QDateTime now = m_clock();
    if (!m_nextPrune.isValid() || now >= m_nextPrune) {
        m_revocations.prune(now);
        m_nextPrune = now.addSecs(PruneIntervalSeconds);
    }
    emit tokensRevoked(revocation);
}

void TokenService::revokeBefore(const TokenRevocation &revocation)
{
    m_revocations.revokeBefore(revocation);
    announce(revocation);
}

void TokenService::revokeToken(const TokenRecord &token, const QString &reason)
{
    const std::optional<quint64> foldedBefore = m_revocations.revokeOne(token, reason);
    announce({TokenRevocation::Scope::One, token.jti, token.userId, 0, reason});
    if (foldedBefore) {
        announce(
            {TokenRevocation::Scope::All, {}, 0, *foldedBefore, u"too many logouts remembered"_s});
    }
}

void TokenService::revokeUserTokens(qint64 userId, const QString &reason)
{
    revokeBefore({TokenRevocation::Scope::UserAll, {}, userId, nextSequence(), reason});
}

void TokenService::revokeUserRefreshTokens(qint64 userId, const QString &reason)
{
    revokeBefore({TokenRevocation::Scope::UserRefresh, {}, userId, nextSequence(), reason});
}

void TokenService::revokeAll(const QString &reason)
{
    revokeBefore({TokenRevocation::Scope::All, {}, 0, nextSequence(), reason});
}

void TokenService::setSingleRevocationCapacity(qsizetype capacity)
{
    Q_ASSERT(m_revocations.singleCount() == 0);
    m_revocations = TokenRevocations(capacity);
}

void TokenService::userIdAssigned(qint64 userId)
{
    m_holderSince.insert(userId, nextSequence());
}

bool TokenService::isForEarlierHolder(const TokenRecord &token) const
{
    return token.sequence < m_holderSince.value(token.userId);
}

void TokenService::announceUserDeleted(qint64 userId)
{
    emit tokensOfGoneUsers(
        {TokenRevocation::Scope::UserAll, {}, userId, nextSequence(), u"user deleted"_s});
}

void TokenService::resetSessions(const QList<qint64> &keptUserIds)
{
    m_holderSince.clear();
    emit tokensOfGoneUsers({TokenRevocation::Scope::All, {}, 0, nextSequence(), u"data reset"_s});
    emit usersRestored(keptUserIds);
}

void TokenService::setSecret(QByteArray secret)
{
    m_codec = JwtCodec(std::move(secret));
    revokeAll(u"new secret"_s);
}
