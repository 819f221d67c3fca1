#pragma once

#include <QByteArray>
#include <QStringView>

// Salted slow hashes of passwords: PBKDF2-HMAC-SHA256 (OpenSSL) with a random 16-byte salt per
// hash, stored as "pbkdf2-sha256$<iterations>$<salt>$<hash>" (base64) so that the iteration
// count can grow later without breaking the hashes already stored.
class PasswordHasher
{
public:
    // The API answers on one thread, so every login with a password waits for one hash: about
    // 20 ms here, enough to make an offline guess expensive while a class of students logging
    // in from their test suites' set-up is still served quickly (OWASP's 600,000 would take
    // over 100 ms a login on the same machine).
    static constexpr int DefaultIterations = 100'000;

    explicit PasswordHasher(int iterations = DefaultIterations);

    QByteArray hash(QStringView password) const;
    // Constant-time comparison of the derived key; false for anything not made by hash().
    static bool verify(QStringView password, const QByteArray &encoded);

    // Spends the time of a verification without a hash to check against: a login for an
    // unknown email then takes as long as one with a wrong password, so timing does not tell
    // which emails have an account.
    void spendVerificationTime(QStringView password) const;

private:
    int m_iterations;
};
