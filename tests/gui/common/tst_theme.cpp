#include "guistyle.h"
#include "theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

using namespace Qt::StringLiterals;
using Theme::Id;
using Theme::Role;

namespace {

// WCAG 2 level AA for normal-size text.
constexpr qreal MinimumContrast = 4.5;

struct TextOnBackground
{
    Role text;
    Role background;
    const char *where;
};

// Every text colour with each background the window draws it on.
const TextOnBackground drawnPairs[] = {
    {Role::Text, Role::Base, "table text"},
    {Role::Text, Role::AlternateBase, "table text, other rows"},
    {Role::WindowText, Role::Window, "labels"},
    {Role::ButtonText, Role::Button, "buttons"},
    {Role::SelectedText, Role::Selection, "selected rows"},
    {Role::Link, Role::Window, "links"},
    {Role::Status2xx, Role::Base, "2xx in a table"},
    {Role::Status3xx, Role::Base, "3xx in a table"},
    {Role::Status4xx, Role::Base, "4xx in a table"},
    {Role::Status5xx, Role::Base, "5xx in a table"},
    {Role::StatusNone, Role::Base, "no response in a table"},
    {Role::Status2xx, Role::AlternateBase, "2xx, other rows"},
    {Role::Status3xx, Role::AlternateBase, "3xx, other rows"},
    {Role::Status4xx, Role::AlternateBase, "4xx, other rows"},
    {Role::Status5xx, Role::AlternateBase, "5xx, other rows"},
    {Role::StatusNone, Role::AlternateBase, "no response, other rows"},
    {Role::Status2xx, Role::Window, "2xx label (server state, message bar, verdict)"},
    {Role::Status3xx, Role::Window, "3xx label"},
    {Role::Status4xx, Role::Window, "4xx label"},
    {Role::Status5xx, Role::Window, "5xx label"},
    {Role::StatusNone, Role::Window, "no response label"},
    {Role::Inactive, Role::Base, "revoked, expired, out of stock"},
    {Role::Inactive, Role::AlternateBase, "revoked, expired, out of stock, other rows"},
    {Role::Inactive, Role::Highlight, "out of stock, just changed"},
    {Role::Text, Role::Highlight, "a cell just changed"},
    {Role::Fault, Role::Base, "fault marker in the log"},
    {Role::Fault, Role::AlternateBase, "fault marker, other rows"},
    {Role::Fault, Role::Window, "Faults tab title"},
    {Role::Fault, Role::FaultBackground, "fault banner"},
    {Role::FaultBannerText, Role::FaultBanner, "status bar fault banner"},
    {Role::Sandbox, Role::Window, "sandbox tab titles"},
    {Role::Sandbox, Role::SandboxBackground, "sandbox banner"},
    {Role::ProblemText, Role::ProblemBackground, "server problem banner"},
    {Role::CodeText, Role::CodeBackground, "code"},
    {Role::JsonKey, Role::CodeBackground, "JSON keys"},
    {Role::JsonString, Role::CodeBackground, "JSON strings"},
    {Role::JsonNumber, Role::CodeBackground, "JSON numbers"},
    {Role::JsonKeyword, Role::CodeBackground, "JSON true/false/null"},
    {Role::JsonPunctuation, Role::CodeBackground, "JSON punctuation"},
};

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { Theme::apply(Id::Standard); }

    void contrastRatioIsWcags()
    {
        QCOMPARE(Theme::contrastRatio(Qt::black, Qt::white), 21.0);
        QCOMPARE(Theme::contrastRatio(Qt::white, Qt::black), 21.0);
        QCOMPARE(Theme::contrastRatio(QColor(0x12, 0x34, 0x56), QColor(0x12, 0x34, 0x56)), 1.0);
        // #767676 is the lightest grey that passes AA on white: 4.54:1.
        QCOMPARE(qRound(Theme::contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) * 100), 454);
        QVERIFY(Theme::contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) < MinimumContrast);
    }

    void everyTextIsReadableOnItsBackground_data()
    {
        QTest::addColumn<Id>("theme");
        QTest::addColumn<Role>("text");
        QTest::addColumn<Role>("background");
        for (const Id theme : Theme::AllIds) {
            for (const TextOnBackground &pair : drawnPairs) {
                QTest::addRow("%s: %s", qPrintable(Theme::key(theme)), pair.where)
                    << theme << pair.text << pair.background;
            }
        }
    }

    void everyTextIsReadableOnItsBackground()
    {
        QFETCH(Id, theme);
        QFETCH(Role, text);
        QFETCH(Role, background);
        const qreal ratio =
            Theme::contrastRatio(Theme::color(theme, text), Theme::color(theme, background));
        QVERIFY2(ratio >= MinimumContrast, qPrintable(u"%1:1"_s.arg(ratio, 0, 'f', 2)));
    }

    // Not a check: the figures for the README and the report.
    void lowestContrastPerTheme()
    {
        for (const Id theme : Theme::AllIds) {
            qreal lowest = 21;
            const char *where = "";
            for (const TextOnBackground &pair : drawnPairs) {
                const qreal ratio = Theme::contrastRatio(Theme::color(theme, pair.text),
                                                         Theme::color(theme, pair.background));
                if (ratio < lowest) {
                    lowest = ratio;
                    where = pair.where;
                }
            }
            qInfo("%s: lowest %.2f:1 (%s)", qPrintable(Theme::key(theme)), lowest, where);
        }
    }

    void guiStyleReadsTheCurrentTheme()
    {
        QCOMPARE(GuiStyle::statusColor(200), Theme::color(Id::Standard, Role::Status2xx));

        Theme::apply(Id::ProjectorDark);

        QCOMPARE(Theme::current(), Id::ProjectorDark);
        QCOMPARE(GuiStyle::statusColor(204), Theme::color(Id::ProjectorDark, Role::Status2xx));
        QCOMPARE(GuiStyle::statusColor(302), Theme::color(Id::ProjectorDark, Role::Status3xx));
        QCOMPARE(GuiStyle::statusColor(401), Theme::color(Id::ProjectorDark, Role::Status4xx));
        QCOMPARE(GuiStyle::statusColor(503), Theme::color(Id::ProjectorDark, Role::Status5xx));
        QCOMPARE(GuiStyle::statusColor(0), Theme::color(Id::ProjectorDark, Role::StatusNone));
        QCOMPARE(GuiStyle::inactiveColor(), Theme::color(Id::ProjectorDark, Role::Inactive));
        QCOMPARE(GuiStyle::faultColor(), Theme::color(Id::ProjectorDark, Role::Fault));
        QCOMPARE(GuiStyle::highlightColor(), Theme::color(Id::ProjectorDark, Role::Highlight));
        QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::black));
        QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::white));
        QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
    }

    // The zoom wraps the application's style in a proxy: a theme changes what it wraps.
    void aProxyStyleStaysAroundTheThemesStyle()
    {
        auto *proxy = new QProxyStyle(QStyleFactory::create(u"windows"_s));
        QApplication::setStyle(proxy);
        QWidget window;
        auto *box = new QCheckBox(u"Show only active"_s, &window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        Theme::apply(Id::ProjectorLight);

        QCOMPARE(QApplication::style(), proxy);
        QCOMPARE(proxy->baseStyle()->name().toLower(), u"fusion"_s);
        QCOMPARE(box->style(), proxy);

        Theme::apply(Id::Standard);
        QCOMPARE(QApplication::style(), proxy);
        QApplication::setStyle(u"fusion"_s); // as the other tests found it
    }

    void standardGivesTheDesktopPaletteBack()
    {
        const QPalette desktop = QApplication::palette();

        Theme::apply(Id::ProjectorLight);
        QCOMPARE(QApplication::palette().color(QPalette::AlternateBase),
                 Theme::color(Id::ProjectorLight, Role::AlternateBase));
        Theme::apply(Id::Standard);

        QCOMPARE(Theme::current(), Id::Standard);
        QCOMPARE(QApplication::palette().color(QPalette::Window), desktop.color(QPalette::Window));
        QCOMPARE(QApplication::palette().color(QPalette::Text), desktop.color(QPalette::Text));
    }

    // A label coloured once, shown before the switch, takes the new theme's colour at once.
    void followThemeRecoloursAShownWidget()
    {
        QWidget window;
        auto *label = new QLabel(u"500 Internal Server Error"_s, &window);
        int recoloured = 0;
        GuiStyle::followTheme(label, [&] {
            ++recoloured;
            GuiStyle::setTextColor(label, GuiStyle::statusColor(500));
        });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(recoloured, 1);

        Theme::apply(Id::ProjectorDark);

        // The application posts the change to its windows, which pass it on to their children.
        QTRY_COMPARE(label->palette().color(QPalette::WindowText),
                     Theme::color(Id::ProjectorDark, Role::Status5xx));
        QCOMPARE(label->palette().color(QPalette::Window),
                 Theme::color(Id::ProjectorDark, Role::Window));
        QCOMPARE(recoloured, 2); // its own setPalette() does not call it again

        Theme::apply(Id::ProjectorLight);
        QTRY_COMPARE(label->palette().color(QPalette::WindowText),
                     Theme::color(Id::ProjectorLight, Role::Status5xx));
    }

    void keysRoundTrip()
    {
        for (const Id theme : Theme::AllIds)
            QCOMPARE(Theme::fromKey(Theme::key(theme)), theme);
        QCOMPARE(Theme::fromKey(u"sepia"_s), Id::Standard);
        QCOMPARE(Theme::fromKey(QString()), Id::Standard);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
