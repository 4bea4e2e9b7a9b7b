// The image as it is, with the detector's boxes drawn over it: each box placed in percent of the
// image's size (so it follows the image however it is scaled), labelled with its class and score.
// A box whose tag is pointed at or focused in the tag list stands out.
import type { ImageInfo } from '../../../shared/api';
import { assetUrl } from '../audio/asset-url';
import { boxStyle, percent } from './image-logic';

export function ImageStage({ info, showBoxes, highlight }: { info: ImageInfo; showBoxes: boolean; highlight: number | null }) {
  const { width, height } = info;
  const boxes = info.tags.map((t, i) => ({ t, i })).filter(({ t }) => t.box !== null);
  return (
    <figure className="image-stage" data-testid="image-stage">
      <img src={assetUrl(info.projectId, info.hash)} alt={info.name} data-testid="image-full" />
      {showBoxes && width && height
        ? boxes.map(({ t, i }) => (
            <span
              key={i}
              // A box at the image's top edge has its label inside it, not cut off above the image.
              className={`image-box${highlight === i ? ' is-highlighted' : ''}${t.box!.y < height * 0.05 ? ' label-inside' : ''}`}
              style={boxStyle(t.box!, width, height)}
              data-testid="image-box"
              aria-hidden="true"
            >
              <span className="image-box-label">
                {t.label} {percent(t.score)}
              </span>
            </span>
          ))
        : null}
    </figure>
  );
}
