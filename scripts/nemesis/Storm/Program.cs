using Storm;

// scripts/nemesis.sh and scripts/soak.sh call these verbs; each prints what it takes when run without options.
var verb = args.Length > 0 ? args[0] : "";
var options = Options.Parse(args.Skip(1));
try
{
    return verb switch
    {
        "storm" => await GrabStorm.RunAsync(options),
        "check" => await HistoryChecker.RunAsync(options),
        "soak" => await SoakLoad.RunAsync(options),
        _ => Usage(),
    };
}
catch (OptionException e)
{
    Console.Error.WriteLine($"storm {verb}: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Storm storm --nodes URL[,URL] --seed seed.txt --prefix P --packets premade.txt --seconds S --history out.tsv
                           [--vus 24] [--pace-ms 50] [--send-ms 250] [--shares 20] [--repeat 0.15] [--timeout-s 60]
               Storm check --drill NAME --history out.tsv --mysql CONNSTR --node URL [--summary results.tsv]
               Storm soak  --node URL --seed seed.txt --prefix P --minutes M --samples samples.tsv [--rate 10000] ...
        """);
    return 2;
}
