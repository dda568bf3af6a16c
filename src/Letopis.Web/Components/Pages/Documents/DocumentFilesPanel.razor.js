// Uploads go straight from the browser to the files API (not through the Blazor circuit), so the
// server streams them to the blob store in constant memory and the browser reports progress.
export function upload(input, url, comment, progress) {
    const file = input.files && input.files[0];
    if (!file) {
        return Promise.resolve(null);
    }
    const form = new FormData();
    form.append("file", file, file.name);
    if (comment) {
        form.append("comment", comment);
    }
    return new Promise(resolve => {
        const xhr = new XMLHttpRequest();
        let last = -1;
        xhr.upload.onprogress = e => {
            if (!e.lengthComputable) {
                return;
            }
            const percent = Math.floor(e.loaded * 100 / e.total);
            if (percent !== last) {
                last = percent;
                progress.invokeMethodAsync("Progress", percent);
            }
        };
        xhr.onload = () => {
            input.value = "";
            resolve({ status: xhr.status, body: xhr.responseText || "" });
        };
        xhr.onerror = () => resolve({ status: 0, body: "" });
        xhr.open("POST", url);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.send(form);
    });
}

export function fileName(input) {
    return input.files && input.files[0] ? input.files[0].name : null;
}

// Prints a stored file (PDF or image) through a hidden frame of the same origin.
export function print(url) {
    const frame = document.createElement("iframe");
    frame.style.position = "fixed";
    frame.style.right = "0";
    frame.style.bottom = "0";
    frame.style.width = "0";
    frame.style.height = "0";
    frame.style.border = "0";
    frame.onload = () => {
        frame.contentWindow.focus();
        frame.contentWindow.print();
        setTimeout(() => frame.remove(), 60000);
    };
    frame.src = url;
    document.body.appendChild(frame);
}

// Files dropped on the upload area: kept here and handed to the file input one at a time, so that
// each goes through the same upload (one file per request) as a file chosen with the button.
const dropped = new WeakMap();

export function dropZone(zone, input, panel) {
    let depth = 0;
    zone.addEventListener("dragenter", e => {
        e.preventDefault();
        depth++;
        zone.classList.add("drop-active");
    });
    zone.addEventListener("dragover", e => {
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
    });
    zone.addEventListener("dragleave", () => {
        depth = Math.max(0, depth - 1);
        if (depth === 0) {
            zone.classList.remove("drop-active");
        }
    });
    zone.addEventListener("drop", e => {
        e.preventDefault();
        depth = 0;
        zone.classList.remove("drop-active");
        const files = Array.from(e.dataTransfer && e.dataTransfer.files ? e.dataTransfer.files : []);
        if (files.length === 0) {
            return;
        }
        dropped.set(input, files);
        panel.invokeMethodAsync("Dropped", files.length);
    });
}

// Puts the index-th dropped file into the input and returns its name (null when there is none).
export function pickDropped(input, index) {
    const files = dropped.get(input) || [];
    if (index >= files.length) {
        return null;
    }
    const transfer = new DataTransfer();
    transfer.items.add(files[index]);
    input.files = transfer.files;
    return files[index].name;
}
