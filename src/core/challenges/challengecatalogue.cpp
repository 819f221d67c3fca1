#include "challengecatalogue.h"

const QList<Challenge> &challengeCatalogue()
{
    static const QList<Challenge> catalogue{
        {QStringLiteral("read-health"), QStringLiteral("Reading"),
         QStringLiteral("Check the API is up"),
         QStringLiteral("Ask the API how it is doing before anything else."),
         QStringLiteral(
             "A health endpoint is the first request of every test run: it tells a broken "
             "environment from a broken feature.")},
        {QStringLiteral("read-list-users"), QStringLiteral("Reading"),
         QStringLiteral("List the users"), QStringLiteral("Fetch the collection of users."),
         QStringLiteral("A list endpoint answers 200 with an array even when it is empty.")},
        {QStringLiteral("auth-login"), QStringLiteral("Authentication"), QStringLiteral("Log in"),
         QStringLiteral("Trade an email and a password for tokens."),
         QStringLiteral("Logging in returns an access token for requests and a refresh token for "
                        "getting new ones.")},
        {QStringLiteral("auth-logout-reuse"), QStringLiteral("Authentication"),
         QStringLiteral("Reuse a token after logging out"),
         QStringLiteral("Log out, then try the same token again."),
         QStringLiteral(
             "Logging out revokes the token on the server: a client cannot keep using it.")},
    };
    return catalogue;
}
