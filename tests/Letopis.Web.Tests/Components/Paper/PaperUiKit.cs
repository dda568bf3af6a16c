using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.Core.Paper;
using Letopis.Web.Components.Pages.Paper;
using Letopis.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Letopis.Web.Tests.Components.Paper;

/// <summary>What the paper tests do as a user would: pick a place by typing part of its path, a person, a day.</summary>
internal static class PaperUiKit
{
    public static string Marker() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>Office / Archive / Cabinet 1 / Folder «marker»: the folder's id and its path.</summary>
    public static async Task<(Guid Id, string Path)> ArchiveFolderAsync(HttpClient admin, string marker)
    {
        Guid? parent = null;
        var path = new List<string>();
        foreach (var name in new[] { $"Офис {marker}", "Архив", "Шкаф 1", $"Папка «Договоры {marker}»" })
        {
            var created = await admin.PostAsJsonAsync("/api/v1/storage-places", new { name, parentId = parent });
            created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());
            parent = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            path.Add(name);
        }
        return (parent!.Value, string.Join(StoragePlace.Separator, path));
    }

    public static async Task<Guid> ContractAsync(HttpClient client, string title)
    {
        var counterpartyId = await Letopis.Web.Tests.DocumentFiles.FileTestKit.CounterpartyAsync(client, $"ООО «Складской комплекс {Marker()}»");
        var created = await client.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title, counterpartyId });
        created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> OriginalAsync(HttpClient client, Guid documentId, Guid placeId)
    {
        var created = await client.PostAsJsonAsync($"/api/v1/documents/{documentId}/copies", new { kind = "original", storagePlaceId = placeId });
        created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Types <paramref name="text"/> into the dialog's storage place picker and takes the one place it finds.</summary>
    public static async Task PickPlaceAsync(IRenderedComponent<IComponent> cut, string testId, string text)
    {
        var picker = cut.FindComponents<StoragePlacePicker>().Single(p => p.Instance.TestId == testId);
        var box = picker.FindComponent<MudAutocomplete<StoragePlaceDto>>();
        var search = box.Instance.SearchFunc ?? throw new InvalidOperationException("The place picker has no search.");
        IEnumerable<StoragePlaceDto> found = [];
        await cut.InvokeAsync(async () => found = (search(text, CancellationToken.None) is { } searching ? await searching : null) ?? []);
        var place = found.ShouldHaveSingleItem();
        await cut.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync(place));
    }

    public static async Task PickUserAsync(IRenderedComponent<IComponent> cut, string testId, Guid id, string fullName)
    {
        var picker = cut.FindComponents<UserPicker>().Single(p => p.Instance.TestId == testId);
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(new PickedUser(id, fullName)));
    }

    public static async Task PickDayAsync(IRenderedComponent<IComponent> cut, string testId, DateOnly day)
    {
        var picker = cut.FindComponents<MudDatePicker>().Single(p => p.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == testId);
        await cut.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(day.ToDateTime(TimeOnly.MinValue)));
    }
}
