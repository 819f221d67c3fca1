#include "exchangelogmodel.h"
#include "faultpanel.h"
#include "httpclient.h"
#include "mainwindow.h"
#include "requestlogpanel.h"
#include "serverhost.h"
#include "serverpanel.h"
#include "tokenspanel.h"
#include "tokentablemodel.h"
#include "userspanel.h"
#include "usertablemodel.h"
#include "zoomcontroller.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStyleOption>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The laptop of the issue: everything must fit its screen, at every zoom.
constexpr QSize ScreenSize(1440, 900);

struct Indicators
{
    int fontHeight = 0;
    int checkBox = 0;      // the indicator's side
    int spinBoxArrows = 0; // the up button's width
};

} // namespace

// The whole window at a projector's zoom: indicators, rows and columns grow with the text, and
// the window stays on its screen.
class TestZoomLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QSettings().clear(); // a first start: no saved zoom or layout
        QCOMPARE(QGuiApplication::primaryScreen()->size(), ScreenSize);
        m_host = std::make_unique<ServerHost>();
        WindowOptions options;
        options.bindAddress = QHostAddress(QHostAddress::LocalHost);
        options.port = 0;
        m_window = std::make_unique<MainWindow>(*m_host, options);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->startServer();
        QTRY_COMPARE(m_window->serverController().state(), ServerController::State::Listening);
        // Rows in the log and the tokens table, whose columns are then measured.
        HttpClient client(m_window->serverController().urls().constFirst());
        for (const char *email : {"admin@example.com", "john@example.com"})
            QCOMPARE(client
                         .sendJson("POST", u"/login"_s,
                                   u"{\"email\":\"%1\"}"_s.arg(QLatin1StringView(email)).toUtf8())
                         .status,
                     200);
        QTRY_VERIFY(m_window->tokens()->model()->rowCount() >= 2);
        QTRY_VERIFY(m_window->requestLog()->model()->rowCount() >= 2);
        m_atFullSize = measureIndicators();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_host.reset();
    }

    void indicatorsGrowWithTheFont_data() { zoomSteps(); }
    void indicatorsGrowWithTheFont()
    {
        QFETCH(int, percent);
        zoomTo(percent);
        const Indicators now = measureIndicators();
        const qreal factor = percent / 100.0;
        QVERIFY(now.fontHeight >= m_atFullSize.fontHeight * factor * 0.8);
        // As much as the text grew, give or take rounding.
        QVERIFY2(now.checkBox >= m_atFullSize.checkBox * factor * 0.9,
                 qPrintable(u"check box %1 px at %2 %"_s.arg(now.checkBox).arg(percent)));
        QVERIFY2(
            now.spinBoxArrows >= m_atFullSize.spinBoxArrows * factor * 0.9,
            qPrintable(u"spin box arrows %1 px at %2 %"_s.arg(now.spinBoxArrows).arg(percent)));
    }

    void rowsAndHeadersGrowWithTheFont_data() { zoomSteps(); }
    void rowsAndHeadersGrowWithTheFont()
    {
        QFETCH(int, percent);
        zoomTo(percent);
        for (QTableView *table : tables()) {
            const QFontMetrics metrics = table->fontMetrics();
            QVERIFY2(table->verticalHeader()->defaultSectionSize() >= metrics.lineSpacing(),
                     qPrintable(table->objectName()));
            QVERIFY2(table->horizontalHeader()->sizeHint().height() >= metrics.height(),
                     qPrintable(table->objectName()));
        }
    }

    void noColumnIsNarrowerThanItsTitle_data() { zoomSteps(); }
    void noColumnIsNarrowerThanItsTitle()
    {
        QFETCH(int, percent);
        zoomTo(percent);
        for (QTableView *table : tables()) {
            const QHeaderView *header = table->horizontalHeader();
            const QFontMetrics metrics = header->fontMetrics();
            for (int column = 0; column < header->count(); ++column) {
                if (header->isSectionHidden(column))
                    continue;
                const QString title = table->model()->headerData(column, Qt::Horizontal).toString();
                QVERIFY2(table->columnWidth(column) > metrics.horizontalAdvance(title),
                         qPrintable(u"%1's %2 at %3 %: %4 px"_s.arg(table->objectName(), title)
                                        .arg(percent)
                                        .arg(table->columnWidth(column))));
            }
        }
    }

    void windowStaysWithinTheScreen_data() { zoomSteps(); }
    void windowStaysWithinTheScreen()
    {
        QFETCH(int, percent);
        zoomTo(percent);
        const QRect available = m_window->screen()->availableGeometry();
        QTRY_VERIFY2(available.contains(m_window->frameGeometry()),
                     qPrintable(u"%1 %: the window at %2,%3 %4×%5"_s.arg(percent)
                                    .arg(m_window->frameGeometry().x())
                                    .arg(m_window->frameGeometry().y())
                                    .arg(m_window->frameGeometry().width())
                                    .arg(m_window->frameGeometry().height())));
    }

    // The Faults tab of a window that fills the laptop's screen: latency, rate limit and the
    // rules together at 100 %; at 250 % each is a scroll of the tab away, no splitter to drag.
    void faultsTabShowsLatencyRateLimitAndRules()
    {
        zoomTo(100);
        m_window->showMaximized();
        QTRY_COMPARE(m_window->frameGeometry().size(), ScreenSize);
        m_window->findChild<QTabWidget *>(u"topTabs"_s)
            ->setCurrentWidget(m_window->findChild<QWidget *>(u"faultsTab"_s));
        auto *scrollArea = m_window->faults()->findChild<QScrollArea *>(u"scrollArea"_s);
        const QList<QWidget *> essentials = {
            m_window->faults()->findChild<QCheckBox *>(u"latencyCheckBox"_s),
            m_window->faults()->findChild<QSpinBox *>(u"latencyFixedSpinBox"_s),
            m_window->faults()->findChild<QCheckBox *>(u"rateLimitCheckBox"_s),
            m_window->faults()->findChild<QSpinBox *>(u"rateLimitSpinBox"_s),
            m_window->faults()->rulesView()->horizontalHeader()};
        for (QWidget *widget : essentials)
            QTRY_VERIFY2(shownWhole(scrollArea, widget), qPrintable(widget->objectName()));

        zoomTo(250);
        for (QWidget *widget : essentials) {
            // The whole widget (ensureWidgetVisible() shows only a spin box's text cursor).
            const auto scrolledTo = [scrollArea, widget] {
                const QPoint center = widget->mapTo(scrollArea->widget(), widget->rect().center());
                scrollArea->ensureVisible(center.x(), center.y(), widget->width() / 2 + 1,
                                          widget->height() / 2 + 1);
                return shownWhole(scrollArea, widget);
            };
            QTRY_VERIFY2(scrolledTo(), qPrintable(widget->objectName()));
        }
        // Up and down only: the rules table scrolls its own columns.
        QCOMPARE(scrollArea->horizontalScrollBar()->maximum(), 0);
        m_window->showNormal();
    }

    // The server bar and the log's filter row read whole: each combo shows its text, nothing runs
    // off the window's edge or over a neighbour, in the window as it opens and maximized.
    void serverBarAndLogFiltersReadWhole_data() { zoomSteps(250); }
    void serverBarAndLogFiltersReadWhole()
    {
        QFETCH(int, percent);
        zoomTo(percent);
        for (const bool maximized : {false, true}) {
            if (maximized) {
                m_window->showMaximized();
                QTRY_COMPARE(m_window->frameGeometry().size(), ScreenSize);
                QTest::qWait(50);
            }
            const QString where = u"%1 % %2"_s.arg(percent).arg(maximized ? u"maximized"_s : u""_s);
            QWidget *serverBar = m_window->serverPanel();
            QWidget *log = m_window->requestLog();
            QList<QWidget *> filterRow;
            for (const char *name :
                 {"sandboxFilterCombo", "methodFilterCombo", "statusFilterCombo", "pathFilterEdit",
                  "followLatestButton", "pauseButton", "clearButton"})
                filterRow.append(log->findChild<QWidget *>(QLatin1StringView(name)));
            for (const auto &[area, widgets] :
                 {std::pair(serverBar, barWidgets(serverBar)), std::pair(log, filterRow)}) {
                QVERIFY2(widgets.size() > 3, qPrintable(where));
                QVERIFY2(readWhole(area, widgets), qPrintable(where));
            }
        }
        m_window->showNormal();
        QTRY_VERIFY(!m_window->isMaximized());
    }

private:
    static void zoomSteps(int extraPercent = 0)
    {
        QTest::addColumn<int>("percent");
        QList<int> percents = {100, 200, 300};
        if (extraPercent != 0)
            percents.insert(2, extraPercent);
        for (const int percent : std::as_const(percents))
            QTest::addRow("%d %%", percent) << percent;
    }

    // The bar's controls: labels, buttons, fields, not the parts inside a field.
    static QList<QWidget *> barWidgets(QWidget *bar)
    {
        QList<QWidget *> widgets;
        const auto children = bar->findChildren<QWidget *>();
        for (QWidget *child : children) {
            QObject *parent = child->parent();
            const bool control =
                qobject_cast<QLabel *>(child) || qobject_cast<QAbstractButton *>(child) ||
                qobject_cast<QComboBox *>(child) || qobject_cast<QAbstractSpinBox *>(child);
            const bool insideAField = qobject_cast<QAbstractSpinBox *>(parent) ||
                                      qobject_cast<QComboBox *>(parent) ||
                                      qobject_cast<QLineEdit *>(parent);
            if (control && !insideAField)
                widgets.append(child);
        }
        return widgets;
    }

    // Inside `area`, apart from each other, and every combo wide enough for its current text.
    static bool readWhole(const QWidget *area, const QList<QWidget *> &widgets)
    {
        QList<std::pair<QString, QRect>> placed;
        for (const QWidget *widget : widgets) {
            if (!widget->isVisible())
                continue;
            const QString name = widget->objectName();
            const QRect rect(widget->mapTo(area, QPoint()), widget->size());
            if (!area->rect().contains(rect)) {
                qWarning("%s runs off its area", qPrintable(name));
                return false;
            }
            for (const auto &[otherName, other] : std::as_const(placed)) {
                if (rect.intersects(other)) {
                    qWarning("%s overlaps %s", qPrintable(name), qPrintable(otherName));
                    return false;
                }
            }
            placed.append({name, rect});
            if (const auto *combo = qobject_cast<const QComboBox *>(widget)) {
                const int room = comboTextRoom(combo);
                const int needed = combo->fontMetrics().horizontalAdvance(combo->currentText());
                if (room < needed) {
                    qWarning("%s shows %d px of \"%s\", %d px long, in %d px", qPrintable(name),
                             room, qPrintable(combo->currentText()), needed, area->width());
                    return false;
                }
            }
        }
        return true;
    }

    // The width of the text field a combo draws its current text in.
    static int comboTextRoom(const QComboBox *combo)
    {
        QStyleOptionComboBox option;
        option.initFrom(combo);
        option.rect = combo->rect();
        option.editable = combo->isEditable();
        option.frame = combo->hasFrame();
        option.currentText = combo->currentText();
        return combo->style()
            ->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, combo)
            .width();
    }

    void zoomTo(int percent)
    {
        m_window->zoom().setPercent(percent);
        // The new font reaches the widgets, then the layouts and the window follow.
        QTRY_COMPARE(m_window->requestLog()->font(), QApplication::font());
        QTest::qWait(50);
    }

    Indicators measureIndicators() const
    {
        Indicators sizes;
        const auto *checkBox = m_window->faults()->findChild<QCheckBox *>(u"latencyCheckBox"_s);
        sizes.fontHeight = checkBox->fontMetrics().height();
        QStyleOptionButton button;
        button.initFrom(checkBox);
        sizes.checkBox = checkBox->style()
                             ->subElementRect(QStyle::SE_CheckBoxIndicator, &button, checkBox)
                             .height();
        const auto *spinBox = m_window->faults()->findChild<QSpinBox *>(u"latencyFixedSpinBox"_s);
        QStyleOptionSpinBox spin;
        spin.initFrom(spinBox);
        spin.rect = QRect(QPoint(), spinBox->sizeHint());
        spin.subControls = QStyle::SC_SpinBoxUp | QStyle::SC_SpinBoxDown;
        spin.buttonSymbols = QAbstractSpinBox::UpDownArrows;
        spin.frame = true;
        sizes.spinBoxArrows =
            spinBox->style()
                ->subControlRect(QStyle::CC_SpinBox, &spin, QStyle::SC_SpinBoxUp, spinBox)
                .width();
        return sizes;
    }

    QList<QTableView *> tables() const
    {
        return {m_window->requestLog()->findChild<QTableView *>(u"requestTable"_s),
                m_window->users()->view(), m_window->tokens()->view()};
    }

    // Inside the scroll area's viewport, not cut by its edges.
    static bool shownWhole(const QScrollArea *scrollArea, const QWidget *widget)
    {
        const QWidget *viewport = scrollArea->viewport();
        const QRect onViewport(widget->mapTo(viewport, QPoint()), widget->size());
        return widget->isVisible() && viewport->rect().contains(onViewport);
    }

    std::unique_ptr<ServerHost> m_host;
    std::unique_ptr<MainWindow> m_window;
    Indicators m_atFullSize;
};

// A screen of the laptop's size, whatever the offscreen platform's default.
int main(int argc, char *argv[])
{
    QTemporaryDir directory;
    const QString config = directory.filePath(u"screen.json"_s);
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(QStringLiteral(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": %1,
                                   "height": %2, "logicalDpi": 96}]})")
                   .arg(ScreenSize.width())
                   .arg(ScreenSize.height())
                   .toUtf8());
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    // Settings of its own: the suites of this directory may run at the same time.
    qputenv("XDG_CONFIG_HOME", directory.path().toLocal8Bit());
    QApplication app(argc, argv);
    TestZoomLayout test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_zoomlayout.moc"
