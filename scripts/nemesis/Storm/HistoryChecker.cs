using System.Globalization;
using MySqlConnector;

namespace Storm;

/// <summary>
/// Compares a drill's history with what MySQL, the ledger of record, holds once the dust has settled:
/// every acknowledged claim is there with its amount, nobody holds two shares of a packet, every packet adds up,
/// the books balance, no 500, every 503 said when to retry, and no claim is left unsettled. Prints one verdict line,
/// appends one row to <c>--summary</c>, and exits 1 when any check failed.
/// </summary>
public static class HistoryChecker
{
    private const int Claimed = 2, Refunded = 3, Unclaimed = 1;

    public static async Task<int> RunAsync(Options o)
    {
        var drill = o.Text("drill");
        var answers = o.Text("history").Split(',').SelectMany(Answer.ReadAll).ToList();
        await using var db = new MySqlConnection(o.Text("mysql"));
        await db.OpenAsync();
        var userIds = await ReadAsync(db, "SELECT UserName, UserId FROM accounts", r => (r.GetString(0), r.GetString(1)));
        var idOf = userIds.ToDictionary(u => u.Item1, u => u.Item2);
        var shares = await ReadAsync(db, "SELECT PacketId, ReceiverUserId, AmountCents, Status FROM red_packet_shares",
            r => new Share(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2), r.GetInt32(3)));
        var packets = await ReadAsync(db, "SELECT Id, TotalCents, ShareCount, RemainingCents, RemainingCount, RefundedCents, Status FROM red_packets",
            r => new PacketRow(r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetInt64(3), r.GetInt32(4), r.GetInt64(5), r.GetInt32(6)));

        var found = new List<string>();
        var held = shares.Where(s => s.Status == Claimed && s.User is not null).ToLookup(s => (s.Packet, s.User!));

        // 1. Every "you got ¥x" (claimed, or already claimed) is in MySQL for that user and packet, with exactly x.
        var grabs = answers.Where(a => a.Op == "grab").ToList();
        var acked = grabs.Where(a => a.Status == 200 && a.Outcome is "claimed" or "alreadyClaimed").ToList();
        int lost = 0, changed = 0;
        foreach (var a in acked)
        {
            var mine = idOf.TryGetValue(a.User, out var id) ? held[(a.Packet, id)].ToList() : [];
            if (mine.Count == 0) { lost++; Note(found, $"lost: {a.User} was told {a.Outcome} {a.Amount} on packet {a.Packet} at {a.AtMs}, MySQL has no share"); }
            else if (mine.All(s => s.Amount != a.Amount))
            { changed++; Note(found, $"changed: {a.User} was told {a.Amount} on packet {a.Packet} at {a.AtMs}, MySQL has {mine[0].Amount}"); }
        }

        // 2. Nobody holds two shares of one packet.
        var twice = held.Count(g => g.Count() > 1);
        foreach (var g in held.Where(g => g.Count() > 1)) Note(found, $"paid twice: {g.Key.Item2} holds {g.Count()} shares of packet {g.Key.Packet}");

        // 3. Each packet adds up: claimed + refunded + remaining = total, in cents and in shares, and its row agrees.
        var sharesOf = shares.ToLookup(s => s.Packet);
        var packetsOff = 0;
        foreach (var p in packets)
        {
            var mine = sharesOf[p.Id].ToList();
            long Cents(int status) => mine.Where(s => s.Status == status).Sum(s => s.Amount);
            int Count(int status) => mine.Count(s => s.Status == status);
            var ok = Cents(Claimed) + Cents(Refunded) + Cents(Unclaimed) == p.Total && mine.Count == p.Count
                && Cents(Unclaimed) == p.RemainingCents && Count(Unclaimed) == p.RemainingCount && Cents(Refunded) == p.RefundedCents
                && (p.Status != 2 || Count(Claimed) == p.Count) && (p.Status != 3 || Count(Unclaimed) == 0);
            if (ok) continue;
            packetsOff++;
            Note(found, $"packet {p.Id} does not add up: total {p.Total}/{p.Count}, claimed {Cents(Claimed)}/{Count(Claimed)}, " +
                $"refunded {Cents(Refunded)}/{Count(Refunded)}, unclaimed {Cents(Unclaimed)}/{Count(Unclaimed)}, row remaining " +
                $"{p.RemainingCents}/{p.RemainingCount} refunded {p.RefundedCents} status {p.Status}");
        }

        // 4. Every acknowledged send is a packet in MySQL.
        var packetIds = packets.Select(p => p.Id).ToHashSet();
        var sends = answers.Where(a => a.Op == "send").ToList();
        var sendsLost = sends.Count(a => a.Status == 201 && !packetIds.Contains(a.Packet));
        if (sendsLost > 0) Note(found, $"{sendsLost} acknowledged sends have no packet in MySQL");

        // 5. The books, and 6. the claims Redis holds that MySQL does not, from the app itself (bench endpoints).
        var first = packets.Count > 0 ? packets.Min(p => p.Id) : 0;
        var last = packets.Count > 0 ? packets.Max(p => p.Id) : 0;
        using var http = new HttpClient { BaseAddress = new Uri(o.Text("node")), Timeout = TimeSpan.FromSeconds(120) };
        var report = KeyValues(await http.GetStringAsync($"/api/bench/report?firstPacket={first}&lastPacket={last}"));
        var cents = long.Parse(report["minted"], CultureInfo.InvariantCulture) - long.Parse(report["balances"], CultureInfo.InvariantCulture)
            - long.Parse(report["escrow"], CultureInfo.InvariantCulture);
        var books = report["consistent"] == "true" && cents == 0;
        if (!books) Note(found, $"books: consistent={report["consistent"]}, minted - balances - escrow = {cents}; {report.GetValueOrDefault("problems")}");
        var unsettled = int.Parse(KeyValues(await http.GetStringAsync($"/api/bench/unsettled?firstPacket={first}&lastPacket={last}"))["unsettled"],
            CultureInfo.InvariantCulture);

        // 7. What the users heard: no 500 (any 5xx but 503), and a Retry-After on every 503.
        var errors500 = answers.Count(a => a.Status >= 500 && a.Status != 503);
        var busy = answers.Count(a => a.Status == 503);
        var noRetry = answers.Count(a => a.Status == 503 && a.RetryAfter == "-");
        foreach (var a in answers.Where(a => a.Status >= 500 && a.Status != 503).Take(5)) Note(found, $"{a.Status} {a.Outcome}: {a.Op} {a.User} packet {a.Packet} node {a.Node} at {a.AtMs}");

        // Not a check (a fault is expected to log errors), but worth reading next to the rest: the nodes' Error lines.
        var errorLogs = o.Text("logs", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(File.Exists)
            .Sum(f => File.ReadLines(f).Count(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)));

        var pass = lost == 0 && changed == 0 && twice == 0 && packetsOff == 0 && sendsLost == 0 && books && unsettled == 0 && errors500 == 0 && noRetry == 0;
        var statuses = string.Join(' ', answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "none" : g.Key.ToString(CultureInfo.InvariantCulture))}:{g.Count()}"));
        var codes = string.Join(' ', answers.Where(a => a.Status >= 500 || a.Status == 0).GroupBy(a => $"{a.Status}/{a.Outcome}")
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}"));
        var row = new[]
        {
            drill, pass ? "PASS" : "FAIL", answers.Count.ToString(CultureInfo.InvariantCulture), acked.Count(a => a.Outcome == "claimed").ToString(CultureInfo.InvariantCulture),
            acked.Count.ToString(CultureInfo.InvariantCulture), lost.ToString(CultureInfo.InvariantCulture), changed.ToString(CultureInfo.InvariantCulture),
            twice.ToString(CultureInfo.InvariantCulture), errors500.ToString(CultureInfo.InvariantCulture), busy.ToString(CultureInfo.InvariantCulture),
            noRetry.ToString(CultureInfo.InvariantCulture), unsettled.ToString(CultureInfo.InvariantCulture), books ? "balance" : "OFF",
            packetsOff.ToString(CultureInfo.InvariantCulture), $"{sends.Count(s => s.Status == 201)}/{sends.Count}", sendsLost.ToString(CultureInfo.InvariantCulture),
            errorLogs.ToString(CultureInfo.InvariantCulture), statuses, codes.Length == 0 ? "-" : codes,
        };
        if (o.Text("summary", "") is { Length: > 0 } summary)
        {
            if (!File.Exists(summary)) await File.WriteAllTextAsync(summary, string.Join('\t', Columns) + "\n");
            await File.AppendAllTextAsync(summary, string.Join('\t', row) + "\n");
        }
        foreach (var line in found.Take(20)) Console.WriteLine($"  {line}");
        if (found.Count > 20) Console.WriteLine($"  … and {found.Count - 20} more");
        Console.WriteLine($"nemesis {drill}: {(pass ? "PASS" : "FAIL")} requests={row[2]} claimed={row[3]} acknowledged={row[4]} lost={lost} " +
            $"changed={changed} paid_twice={twice} 500s={errors500} 503s={busy} 503_without_retry_after={noRetry} unsettled_60s={unsettled} " +
            $"books={row[12]} packets_off={packetsOff} sends={row[14]} error_logs={errorLogs} statuses=[{statuses}] failures=[{row[18]}]");
        return pass ? 0 : 1;
    }

    public static readonly string[] Columns =
    [
        "drill", "verdict", "requests", "claimed", "acknowledged", "lost", "changed", "paid_twice", "500s", "503s", "503_without_retry_after",
        "unsettled_60s", "books", "packets_off", "sends_ok", "sends_lost", "error_logs", "statuses", "failures",
    ];

    private sealed record Share(long Packet, string? User, long Amount, int Status);

    private sealed record PacketRow(long Id, long Total, int Count, long RemainingCents, int RemainingCount, long RefundedCents, int Status);

    private static void Note(List<string> found, string what) => found.Add(what);

    private static Dictionary<string, string> KeyValues(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("problems: ", StringComparison.Ordinal)) { result["problems"] = line; continue; }
            foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (pair.Split('=', 2) is [var k, var v]) result[k] = v;
        }
        return result;
    }

    private static async Task<List<T>> ReadAsync<T>(MySqlConnection db, string sql, Func<MySqlDataReader, T> read)
    {
        await using var command = new MySqlCommand(sql, db) { CommandTimeout = 120 };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
