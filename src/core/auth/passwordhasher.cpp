#include "passwordhasher.h"

#include "jwt.h"

#include <QList>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace {

constexpr QByteArrayView Scheme = "pbkdf2-sha256";
constexpr int SaltBytes = 16;
constexpr int KeyBytes = 32;
constexpr int MaxIterations = 10'000'000; // a stored hash cannot make a login take minutes

QByteArray derive(QStringView password, const QByteArray &salt, int iterations)
{
    const QByteArray utf8 = password.toUtf8();
    QByteArray key(KeyBytes, Qt::Uninitialized);
    const int ok = PKCS5_PBKDF2_HMAC(utf8.constData(), int(utf8.size()),
                                     reinterpret_cast<const unsigned char *>(salt.constData()),
                                     int(salt.size()), iterations, EVP_sha256(), KeyBytes,
                                     reinterpret_cast<unsigned char *>(key.data()));
    return ok == 1 ? key : QByteArray();
}

} // namespace

PasswordHasher::PasswordHasher(int iterations)
    : m_iterations(qBound(1, iterations, MaxIterations))
{}

QByteArray PasswordHasher::hash(QStringView password) const
{
    const QByteArray salt = randomBytes(SaltBytes);
    return Scheme.toByteArray() + '$' + QByteArray::number(m_iterations) + '$' + salt.toBase64() +
           '$' + derive(password, salt, m_iterations).toBase64();
}

bool PasswordHasher::verify(QStringView password, const QByteArray &encoded)
{
    const QList<QByteArray> parts = encoded.split('$');
    if (parts.size() != 4 || parts[0] != Scheme)
        return false;
    bool isNumber = false;
    const int iterations = parts[1].toInt(&isNumber);
    if (!isNumber || iterations < 1 || iterations > MaxIterations)
        return false;
    const QByteArray expected = QByteArray::fromBase64(parts[3]);
    if (expected.size() != KeyBytes)
        return false;
    const QByteArray actual = derive(password, QByteArray::fromBase64(parts[2]), iterations);
    return actual.size() == KeyBytes &&
           CRYPTO_memcmp(actual.constData(), expected.constData(), KeyBytes) == 0;
}

void PasswordHasher::spendVerificationTime(QStringView password) const
{
    static const QByteArray unusedSalt(SaltBytes, '\0');
    derive(password, unusedSalt, m_iterations);
}
