// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The "Message To Server" box: Enter submits, Shift+Enter inserts a newline,
// Up on the first line and Down on the last line walk through the texts sent
// before (like a shell's history); the unsent draft is kept while browsing.
//
// A paste (or a drop) that would make the text larger than maxBytes() in
// UTF-8 is refused whole: nothing is inserted and inputRefused() says why.
// A long text never freezes the box: past kWordWrapLimit characters it wraps
// anywhere instead of at word boundaries (Qt's word wrap of one unbroken
// line grows with the square of its length: 500 KB took 23 s; wrapping
// anywhere lays out 1 MiB in a fraction of a second).
#pragma once

#include <QPlainTextEdit>
#include <QStringList>

#include <functional>

class MessageEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    // How many sent texts are kept for recall.
    static constexpr int kDefaultHistorySize = 100;

    explicit MessageEdit(QWidget *parent = nullptr);

    // Records a sent text (consecutive duplicates once) and resets browsing.
    void addToHistory(const QString &text);
    QStringList history() const { return m_history; }

    // The most UTF-8 bytes a paste may bring the text to, asked at each
    // paste (the window passes its connection's maximum message size,
    // which may change); unset or 0: no limit.
    using SizeLimit = std::function<qsizetype()>;
    void setSizeLimit(SizeLimit limit) { m_sizeLimit = std::move(limit); }

    // Above this many characters the text wraps anywhere.
    static constexpr int kWordWrapLimit = 10000;

    // "1,200,000 bytes (1.1 MiB)", "12 bytes": how sizes are told to users.
    static QString sizeText(qint64 bytes);

Q_SIGNALS:
    // Enter was pressed.
    void submitted();
    // A paste or drop was not inserted, for the reason given.
    void inputRefused(const QString &reason);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    void updateWrapMode();

    bool cursorOnFirstLine() const;
    bool cursorOnLastLine() const;
    void recall(int index);

    QStringList m_history;
    // m_history.size() means "the draft", not a history entry.
    int m_historyIndex = 0;
    QString m_draft;
    SizeLimit m_sizeLimit;
};
