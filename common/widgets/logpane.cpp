#include "logpane.h"

#include "eventlog.h"
#include "logview.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

LogPane::LogPane(EventLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_view(new LogView(this))
    , m_clearButton(new QPushButton(tr("Clear"), this))
    , m_saveButton(new QPushButton(tr("Save log..."), this))
{
    m_view->setObjectName(QStringLiteral("logView"));
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    m_saveButton->setObjectName(QStringLiteral("saveLogButton"));
    m_view->setLog(log);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_clearButton);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addLayout(buttons);

    connect(m_clearButton, &QPushButton::clicked, log, &EventLog::clear);
    connect(m_saveButton, &QPushButton::clicked, this, &LogPane::save);

    m_prompt = [this] {
        return QFileDialog::getSaveFileName(this, tr("Save Log"), QString(),
                                            tr("Text files (*.txt *.log);;All files (*)"));
    };
}

void LogPane::save()
{
    const QString path = m_prompt();
    if (path.isEmpty())
        return;
    QString error;
    if (m_log->saveTo(path, &error)) {
        m_log->append(tr("Log saved to %1").arg(path));
        Q_EMIT saved(true, path);
    } else {
        m_log->append(tr("Could not save the log to %1: %2").arg(path, error));
        Q_EMIT saved(false, error);
    }
}
