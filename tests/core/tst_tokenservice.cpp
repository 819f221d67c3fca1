#include "tokenservice.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// Issuing tokens and ending them early: the claims, the issue order carried in the jti, and
// every scope of revocation, on a clock the test controls.
class TestTokenService : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_now = QDateTime(QDate(2026, 2, 18), QTime(10, 30), Qt::UTC);
        m_tokens =
            std::make_unique<TokenService>(QByteArray(32, 's'), 60, [this] { return m_now; });
        m_tokens->setRefreshLifetimeSeconds(600);
    }

    void issuesTheContractsClaims()
    {
        QSignalSpy issued(m_tokens.get(), &TokenService::tokenIssued);
        const auto access = m_tokens->issue(user(2), TokenType::Access, true);
        const auto refresh = m_tokens->issue(user(2), TokenType::Refresh, true);
        QCOMPARE(issued.size(), 2);

        const JwtCodec::Result verified = m_tokens->verify(access.token);
        QVERIFY(verified.isValid());
        const QJsonObject claims = verified.claims;
        QCOMPARE(claims[u"sub"_s].toString(), u"2"_s);
        QCOMPARE(claims[u"type"_s].toString(), u"access"_s);
        QCOMPARE(claims[u"fresh"_s].toBool(), true);
        QCOMPARE(claims[u"exp"_s].toInteger() - claims[u"iat"_s].toInteger(), 60);
        QCOMPARE(TokenService::recordOf(claims)->jti, access.record.jti);
        QCOMPARE(TokenService::recordOf(claims)->sequence, access.record.sequence);

        // Refresh tokens are never fresh and live their own lifetime.
        QCOMPARE(refresh.record.fresh, false);
        QCOMPARE(refresh.record.type, TokenType::Refresh);
        QCOMPARE(refresh.record.issuedAt.secsTo(refresh.record.expiresAt), 600);
        QVERIFY(refresh.record.sequence > access.record.sequence);
    }

    void sequencesGrowWithinOneMillisecondAndAcrossRestarts()
    {
        quint64 last = 0;
        for (int i = 0; i < 100; ++i) {
            const quint64 sequence = m_tokens->issue(user(1), TokenType::Access).record.sequence;
            QVERIFY(sequence > last);
            last = sequence;
        }
        // A later run starts from its clock, past the tokens of this one.
        m_now = m_now.addMSecs(1);
        TokenService later(QByteArray(32, 's'), 60, [this] { return m_now; });
        QVERIFY(later.issue(user(1), TokenType::Access).record.sequence > last);
    }

    void revocationsCoverExactlyTheirScope_data()
    {
        QTest::addColumn<int>("scope");
        // Which of: john's access, john's refresh, admin's access, admin's refresh, and a token of
        // john's issued after the revocation, are revoked.
        QTest::addColumn<QList<bool>>("revoked");
        QTest::newRow("one") << int(TokenRevocation::Scope::One)
                             << QList<bool>{true, false, false, false, false};
        QTest::newRow("user refresh") << int(TokenRevocation::Scope::UserRefresh)
                                      << QList<bool>{false, true, false, false, false};
        QTest::newRow("user all") << int(TokenRevocation::Scope::UserAll)
                                  << QList<bool>{true, true, false, false, false};
        QTest::newRow("all") << int(TokenRevocation::Scope::All)
                             << QList<bool>{true, true, true, true, false};
    }

    void revocationsCoverExactlyTheirScope()
    {
        QFETCH(int, scope);
        QFETCH(QList<bool>, revoked);
        const QList<TokenRecord> before{
            m_tokens->issue(user(2), TokenType::Access).record,
            m_tokens->issue(user(2), TokenType::Refresh).record,
            m_tokens->issue(user(1), TokenType::Access).record,
            m_tokens->issue(user(1), TokenType::Refresh).record,
        };
        QSignalSpy announced(m_tokens.get(), &TokenService::tokensRevoked);
        switch (TokenRevocation::Scope(scope)) {
        case TokenRevocation::Scope::One:
            m_tokens->revokeToken(before[0], u"logout"_s);
            break;
        case TokenRevocation::Scope::UserRefresh:
            m_tokens->revokeUserRefreshTokens(2, u"logout"_s);
            break;
        case TokenRevocation::Scope::UserAll:
            m_tokens->revokeUserTokens(2, u"password reset"_s);
            break;
        case TokenRevocation::Scope::All:
            m_tokens->revokeAll(u"new secret"_s);
            break;
        }
        const QList<TokenRecord> tokens =
            before + QList<TokenRecord>{m_tokens->issue(user(2), TokenType::Refresh).record};

        QCOMPARE(announced.size(), 1);
        const auto revocation = announced.first().first().value<TokenRevocation>();
        QCOMPARE(int(revocation.scope), scope);
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            QVERIFY2(m_tokens->isRevoked(tokens[i]) == revoked[i], qPrintable(QString::number(i)));
            // The window applies the same rule to its rows.
            QCOMPARE(revocation.covers(tokens[i]), revoked[i]);
        }
    }

    void singleRevocationsArePrunedOnceExpired()
    {
        const TokenRecord first = m_tokens->issue(user(2), TokenType::Access).record;
        m_tokens->revokeToken(first, u"logout"_s);
        TokenRevocations revocations;
        revocations.revokeOne(first, u"logout"_s);
        revocations.prune(first.expiresAt.addSecs(-1));
        QCOMPARE(revocations.singleCount(), 1);
        revocations.prune(first.expiresAt);
        QCOMPARE(revocations.singleCount(), 0);

        // The service prunes as it goes: after the token's expiry, a later revocation forgets it
        // (and the token is refused as expired anyway).
        m_now = m_now.addSecs(61);
        QCOMPARE(m_tokens->verify(m_tokens->issue(user(2), TokenType::Access).token).verdict,
                 JwtCodec::Verdict::Valid);
    }

    void logoutsBeyondTheCapacityFoldIntoACutoff()
    {
        // A ten-year lifetime would keep every logged-out token for ten years: the memory is
        // bounded instead, and nothing revoked works again.
        m_tokens->setLifetimeSeconds(TokenService::MaxLifetimeSeconds);
        m_tokens->setSingleRevocationCapacity(10);
        QList<TokenRecord> loggedOut;
        for (int i = 0; i < 10; ++i) {
            loggedOut.append(m_tokens->issue(user(2), TokenType::Access).record);
            m_tokens->revokeToken(loggedOut.last(), u"logout"_s);
        }
        const TokenRecord stillActive = m_tokens->issue(user(1), TokenType::Access).record;
        QSignalSpy announced(m_tokens.get(), &TokenService::tokensRevoked);

        loggedOut.append(m_tokens->issue(user(2), TokenType::Access).record);
        m_tokens->revokeToken(loggedOut.last(), u"logout"_s);

        for (const TokenRecord &token : std::as_const(loggedOut))
            QVERIFY(m_tokens->isRevoked(token));
        QVERIFY(!m_tokens->isRevoked(stillActive));
        // The oldest were folded into a cut-off just past the newest folded one; the
        // window is told which tokens that ends.
        QCOMPARE(announced.size(), 2);
        const auto fold = announced.last().first().value<TokenRevocation>();
        QCOMPARE(fold.scope, TokenRevocation::Scope::All);
        QVERIFY(fold.covers(loggedOut.first()));
        QVERIFY(!fold.covers(loggedOut.last()));

        TokenRevocations revocations(10);
        for (int i = 0; i < 1000; ++i)
            revocations.revokeOne(m_tokens->issue(user(2), TokenType::Access).record, u"logout"_s);
        QVERIFY(revocations.singleCount() <= 10);
    }

    void aNewHolderOfAnIdDoesNotInheritItsTokens()
    {
        QSignalSpy gone(m_tokens.get(), &TokenService::tokensOfGoneUsers);
        QSignalSpy restored(m_tokens.get(), &TokenService::usersRestored);
        m_tokens->userIdAssigned(3);
        const TokenRecord alice = m_tokens->issue(user(3), TokenType::Access).record;
        const TokenRecord admin = m_tokens->issue(user(1), TokenType::Access).record;
        QVERIFY(!m_tokens->isForEarlierHolder(alice));

        m_tokens->resetSessions({1, 2});
        QCOMPARE(gone.size(), 1);
        QVERIFY(gone.first().first().value<TokenRevocation>().covers(alice));
        QCOMPARE(restored.first().first().value<QList<qint64>>(), (QList<qint64>{1, 2}));

        // Bob gets id 3 in the same millisecond: Alice's token is not his.
        m_tokens->userIdAssigned(3);
        QVERIFY(m_tokens->isForEarlierHolder(alice));
        QVERIFY(!m_tokens->isForEarlierHolder(m_tokens->issue(user(3), TokenType::Access).record));
        // The seed never changes hands, and nothing was revoked.
        QVERIFY(!m_tokens->isForEarlierHolder(admin));
        QVERIFY(!m_tokens->isRevoked(alice));
        QVERIFY(!m_tokens->isRevoked(admin));
    }

    void aJtiWithoutSequenceComesBeforeEveryCutoff()
    {
        const QJsonObject claims{{u"sub"_s, u"2"_s},
                                 {u"type"_s, u"access"_s},
                                 {u"jti"_s, u"0123456789abcdef0123456789abcdef"_s}};
        const auto record = TokenService::recordOf(claims);
        QVERIFY(record);
        QCOMPARE(record->sequence, 0u);
        m_tokens->revokeAll(u"new secret"_s);
        QVERIFY(m_tokens->isRevoked(*record));
    }

    void claimsWithoutTypeOrSubjectAreNotTokens_data()
    {
        QTest::addColumn<QJsonObject>("claims");
        QTest::newRow("no type") << QJsonObject{{u"sub"_s, u"2"_s}};
        QTest::newRow("other type") << QJsonObject{{u"sub"_s, u"2"_s}, {u"type"_s, u"id"_s}};
        QTest::newRow("no sub") << QJsonObject{{u"type"_s, u"access"_s}};
        QTest::newRow("sub not a number")
            << QJsonObject{{u"sub"_s, u"two"_s}, {u"type"_s, u"access"_s}};
    }

    void claimsWithoutTypeOrSubjectAreNotTokens()
    {
        QFETCH(QJsonObject, claims);
        QVERIFY(!TokenService::recordOf(claims));
    }

private:
    static User user(qint64 id)
    {
        User user;
        user.id = id;
        user.email = u"user%1@example.com"_s.arg(id);
        return user;
    }

    QDateTime m_now;
    std::unique_ptr<TokenService> m_tokens;
};

QTEST_GUILESS_MAIN(TestTokenService)
#include "tst_tokenservice.moc"
