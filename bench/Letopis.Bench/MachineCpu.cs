using System.Globalization;

namespace Letopis.Bench;

/// <summary>
/// Busy time of the whole machine from <c>/proc/stat</c>: the benchmark shares its cores with
/// whatever else runs, and the report shows how much of the CPU that was.
/// </summary>
public static class MachineCpu
{
    /// <summary>Busy (not idle, not iowait) CPU time summed over all cores since boot.</summary>
    public static TimeSpan Busy()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in USER_HZ (100) ticks;
        // guest time is already counted in user.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        var busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
        return TimeSpan.FromMilliseconds(busy * 10);
    }
}
